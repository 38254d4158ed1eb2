package dev.lightdevops.worker.execution;

import dev.lightdevops.common.kafka.ReadAllListenerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The engine's wiring: the command container (manual acknowledgments that {@link CommitTracker} gives in offset
 * order, cooperative rebalancing, {@link PartitionHandOver} on revocation, {@link NoSkippedCommands} on an error
 * outside a record), the read-everything container of the control topic (nothing committed), the bounded operation
 * pool, the progress hand-off and the deadline timers.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> commandListenerFactory(KafkaProperties kafka,
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, PartitionHandOver handOver,
            CommitTracker commits) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, new DefaultKafkaConsumerFactory<>(config));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        factory.getContainerProperties().setConsumerRebalanceListener(handOver);
        factory.setCommonErrorHandler(new NoSkippedCommands(commits));
        return factory;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> readAllListenerFactory(KafkaProperties kafka) {
        return ReadAllListenerFactory.create(kafka.buildConsumerProperties());
    }

    /** At most {@code concurrency} operations at once, each on a virtual thread: a deploy mostly waits. */
    @Bean(destroyMethod = "shutdownNow")
    KeyedSerialExecutor operationExecutor(EngineProperties settings) {
        return new KeyedSerialExecutor(Executors.newFixedThreadPool(settings.concurrency(),
                Thread.ofVirtual().name("operation-", 1).factory()));
    }

    /** Sends an operation's next waiting progress snapshot once the one in flight completes (off the I/O thread). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService progressHandOff() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("progress-", 1).factory());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService deadlineTimers() {
        return Executors.newSingleThreadScheduledExecutor(named("operation-deadlines-"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
