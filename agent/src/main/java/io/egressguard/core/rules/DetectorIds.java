package io.egressguard.core.rules;

import io.egressguard.core.scan.detect.DetectorCatalog;
import java.util.Set;

/** The ids of the format detectors, which a rule file may turn off by name. */
final class DetectorIds {

    private DetectorIds() {}

    static Set<String> all() {
        return DetectorCatalog.ids();
    }
}
