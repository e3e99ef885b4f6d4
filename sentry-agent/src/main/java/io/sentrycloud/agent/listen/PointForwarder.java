package io.sentrycloud.agent.listen;

import io.sentrycloud.sdk.MetricPoint;
import java.util.List;

/** Where listeners put what they received: the agent's delivery queue. */
@FunctionalInterface
public interface PointForwarder {

    /** Queues points for delivery; returns how many were taken (the rest were dropped: the queue is full). */
    int forward(List<MetricPoint> points);
}
