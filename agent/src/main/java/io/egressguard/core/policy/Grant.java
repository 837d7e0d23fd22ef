package io.egressguard.core.policy;

import io.egressguard.core.rules.DestinationRule;
import io.egressguard.core.rules.SecretRule;

/** One permission: this secret may go to this destination, applied this way. */
final class Grant {

    final SecretRule secret;
    final DestinationRule destination;

    Grant(SecretRule secret, DestinationRule destination) {
        this.secret = secret;
        this.destination = destination;
    }

    String secretName() {
        return secret.name();
    }

    String ruleId() {
        return destination.id();
    }
}
