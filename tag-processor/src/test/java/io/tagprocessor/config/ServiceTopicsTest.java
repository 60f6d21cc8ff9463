package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.ServiceTopics;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/** test-infra's view of the service's topics is the service's own: same defaults, same environment variables. */
class ServiceTopicsTest {

    @Test
    void defaultsAreTheDefaultsOfTheServiceSettings() throws IOException {
        TopicSettings settings = bind(Map.of());

        assertThat(ServiceTopics.defaults())
                .isEqualTo(new ServiceTopics(
                        settings.commands(),
                        settings.events(),
                        settings.entityState(),
                        settings.rejections(),
                        settings.deadLetter(),
                        settings.partitions()));
    }

    @Test
    void environmentNamesTheVariablesTheServiceReads() throws IOException {
        ServiceTopics topics = ServiceTopics.defaults().prefixed("x-").withPartitions(4);

        TopicSettings settings = bind(topics.environment());

        assertThat(settings.commands()).isEqualTo(topics.commands()).startsWith("x-");
        assertThat(settings.events()).isEqualTo(topics.events());
        assertThat(settings.entityState()).isEqualTo(topics.entityState());
        assertThat(settings.rejections()).isEqualTo(topics.rejections());
        assertThat(settings.deadLetter()).isEqualTo(topics.deadLetter());
        assertThat(settings.partitions()).isEqualTo(4);
    }

    /** The topic settings as the service binds them from its application.yml and this environment. */
    private static TopicSettings bind(Map<String, String> environment) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("environment", new HashMap<>(environment)));
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bindOrCreate("tag-processor.topics", TopicSettings.class);
    }
}
