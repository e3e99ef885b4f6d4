package io.sentrycloud.alarm.silence;

import java.util.List;

/** Where the engine reads silences and maintenance windows from, at every evaluation. */
public interface SilenceSource {

    /** Silences that have not ended yet (the engine checks start and end itself). */
    List<Silence> silences();

    List<MaintenanceWindow> maintenanceWindows();

    /** Whether anything mutes an alert with these labels at that time. */
    default boolean mutes(java.util.Map<String, String> labels, long epochSeconds) {
        return silences().stream().anyMatch(s -> s.mutes(labels, epochSeconds))
                || maintenanceWindows().stream().anyMatch(w -> w.mutes(labels, epochSeconds));
    }
}
