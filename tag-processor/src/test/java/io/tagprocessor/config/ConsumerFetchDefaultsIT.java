package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.pipeline.PipelineTestSupport;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The fetch settings of application.yml reach the command consumer: Kafka's defaults unless configured. */
class ConsumerFetchDefaultsIT extends PipelineTestSupport {

    @Autowired
    KafkaClients clients;

    @Test
    void aFetchIsAnsweredAtTheFirstRecordOrAfterHalfASecond() {
        Map<String, Object> consumer = clients.consumer();

        assertThat(String.valueOf(consumer.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)))
                .isEqualTo("500");
        assertThat(String.valueOf(consumer.get(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)))
                .isEqualTo("1");
    }
}
