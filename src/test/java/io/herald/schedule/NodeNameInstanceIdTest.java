package io.herald.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeNameInstanceIdTest {

    @Test
    void aNameQuartzCanHoldIsItsInstanceIdAsItIs() throws SchedulerException {
        assertThat(NodeNameInstanceId.fitting("news-1.example.org:8080")).isEqualTo("news-1.example.org:8080");
        String longest = "n".repeat(200);
        assertThat(NodeNameInstanceId.fitting(longest)).isEqualTo(longest);
    }

    @Test
    void aLongerNameStopsTheStartSayingWhy() {
        assertThatThrownBy(() -> NodeNameInstanceId.fitting("n".repeat(201)))
                .isInstanceOf(SchedulerException.class)
                .hasMessageContaining("herald.delivery.node-id")
                .hasMessageContaining("201 characters long")
                .hasMessageContaining("at most 200");
    }
}
