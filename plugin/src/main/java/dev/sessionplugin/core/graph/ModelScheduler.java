package dev.sessionplugin.core.graph;

import dev.sessionplugin.core.Plan.PlannedModel;
import dev.sessionplugin.core.SessionException;
import dev.sessionplugin.core.warehouse.Warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Works through models on several connections (building or binding them), each as soon as the models it reads
 * are done. Wave by wave, every wave waited for its slowest model while the other connections idled. A failure
 * starts nothing new; what is running finishes, and the first failure is thrown.
 */
public final class ModelScheduler {

    public interface Work {
        void build(Warehouse warehouse, PlannedModel model);
    }

    private ModelScheduler() {
    }

    /** @param order the models upstream first; when several are ready, the earliest starts first */
    public static void run(Warehouse main, List<PlannedModel> order, int threads, Work work) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i).name(), i);
        }
        int[] waitingFor = new int[order.size()];
        List<List<Integer>> readers = new ArrayList<>();
        order.forEach(m -> readers.add(new ArrayList<>()));
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < order.size(); i++) {
            for (String upstream : order.get(i).models()) {
                Integer u = index.get(upstream); // not built in this run (published, or not selected): ready
                if (u != null) {
                    waitingFor[i]++;
                    readers.get(u).add(i);
                }
            }
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        BlockingQueue<Warehouse> free = new ArrayBlockingQueue<>(threads);
        List<Warehouse> forks = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                Warehouse fork = main.fork();
                forks.add(fork);
                free.add(fork);
            }
            ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            int running = 0;
            SessionException first = null;
            while (true) {
                while (first == null && running < threads && !ready.isEmpty()) {
                    int next = ready.poll();
                    done.submit(() -> {
                        Warehouse w = free.take(); // never waits: no more run than there are connections
                        try {
                            work.build(w, order.get(next));
                        } finally {
                            free.put(w);
                        }
                        return next;
                    });
                    running++;
                }
                if (running == 0) {
                    break;
                }
                try {
                    int built = done.take().get();
                    for (int reader : readers.get(built)) {
                        if (--waitingFor[reader] == 0) {
                            ready.add(reader);
                        }
                    }
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof SessionException s ? s
                                : new SessionException(SessionException.Kind.WAREHOUSE, null,
                                String.valueOf(e.getCause()), null, e.getCause());
                    }
                }
                running--;
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building models", e);
        } finally {
            pool.shutdownNow();
            forks.forEach(Warehouse::close);
        }
    }
}
