package dev.lightdevops.api.history;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The history store's infrastructure, present only when a database is configured ({@link HistoryStoreConfigured}):
 * the data source (Boot's own DataSource auto-configuration is off in the api, so that the api starts without a
 * database; Flyway, JdbcClient and transactions attach to this one as usual) and the ingest's listener container.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(HistoryStoreConfigured.class)
@EnableConfigurationProperties(DataSourceProperties.class)
@EnableScheduling
class HistoryConfiguration {

    /** {@code spring.datasource.*} as Boot binds it; {@code DATABASE_URL} fills in when no URL is set there. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, HistoryProperties history) {
        if ((properties.getUrl() == null || properties.getUrl().isBlank()) && !history.databaseUrl().isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(history.databaseUrl());
            properties.setUrl(url.jdbcUrl());
            if (url.username() != null && properties.getUsername() == null) {
                properties.setUsername(url.username());
            }
            if (url.password() != null && properties.getPassword() == null) {
                properties.setPassword(url.password());
            }
        }
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setPoolName("history");
        return dataSource;
    }

    /**
     * Batches from all three topics; offsets are kept in the database with the rows (nothing is auto-committed), and
     * a batch that cannot be written (database down) is retried from its first record, every second, for as long
     * as it takes: nothing is skipped and nothing is marked read before it is stored.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> historyListenerFactory(KafkaProperties kafka,
            HistoryProperties history) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, history.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setIdleEventInterval(history.rewindCheckInterval().toMillis());
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }
}
