package io.sentrycloud.bench.engine;

/** Used heap after a full collection: the figure for "heap per series", noisy but honest. */
final class Heap {

    private Heap() {
    }

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // several rounds: one System.gc() may leave garbage that a finalizer or reference queue still holds
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
