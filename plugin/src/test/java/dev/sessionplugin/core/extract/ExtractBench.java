package dev.sessionplugin.core.extract;

import dev.sessionplugin.core.RunOptions;
import dev.sessionplugin.core.report.Progress;

import java.nio.file.Path;

/** The extractor's download of one object, for the benchmark (which lives outside this package). */
public final class ExtractBench {

    private ExtractBench() {
    }

    /** Seconds to download {@code bucket/key} from an S3 endpoint to {@code target}, as a run would. */
    public static double download(String endpoint, String bucket, String key, Path target, Progress progress) {
        long start = System.nanoTime();
        try (S3Extractor extractor = new S3Extractor(new RunOptions(endpoint, "us-east-1", null, false, 60, true, 0),
                progress)) {
            extractor.fetch(new S3Uri(bucket, key), target, Manifest.load(target.resolveSibling("manifest.json")), null);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
