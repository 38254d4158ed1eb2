package dev.lightdevops.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The sink of a view that keeps one value per key: values put through the view's rule, tombstones removed. */
class ByKeySinkTest {

    private final Map<String, Integer> view = new HashMap<>();
    private final Consumer<ConsumerRecord<String, byte[]>> sink = CompactedTopicReader.byKey(
            value -> Integer.valueOf(new String(value, StandardCharsets.UTF_8)), (key, value) -> view.merge(key,
                    value, Math::max), view::remove);

    @Test
    void aValueGoesThroughTheMergeRuleAndATombstoneRemovesTheKey() {
        sink.accept(record("a", "2"));
        sink.accept(record("a", "1"));
        assertThat(view).containsEntry("a", 2);

        sink.accept(record("a", null));
        assertThat(view).doesNotContainKey("a");
    }

    @Test
    void aValueThatCannotBeDecodedThrowsSoTheReaderSkipsItAndTheViewIsUnchanged() {
        sink.accept(record("a", "2"));

        assertThatThrownBy(() -> sink.accept(record("a", "not a number"))).isInstanceOf(NumberFormatException.class);
        assertThat(view).containsEntry("a", 2);
    }

    private static ConsumerRecord<String, byte[]> record(String key, String value) {
        return new ConsumerRecord<>("view", 0, 0, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
