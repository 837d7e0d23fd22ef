package io.egressguard.core.scan.detect;

import static io.egressguard.core.scan.detect.Rx.END_ALNUM;
import static io.egressguard.core.scan.detect.Rx.END_WORD;
import static io.egressguard.core.scan.detect.Rx.keyed;
import static io.egressguard.core.scan.detect.Rx.token;

import java.util.List;

/** Payment and commerce providers. */
final class PaymentDetectors {

    private PaymentDetectors() {}

    static List<Detector> all() {
        return List.of(
            token("stripe-secret-key", "Stripe secret key (sk_live_, sk_test_)",
                "sk_(?:live|test)_[0-9A-Za-z]{24,247}", END_ALNUM, 260, Validators.token(), "sk_live_", "sk_test_"),
            token("stripe-restricted-key", "Stripe restricted key (rk_live_, rk_test_)",
                "rk_(?:live|test)_[0-9A-Za-z]{24,247}", END_ALNUM, 260, Validators.token(), "rk_live_", "rk_test_"),
            token("stripe-webhook-secret", "Stripe webhook signing secret (whsec_...)",
                "whsec_[A-Za-z0-9+/]{32,64}={0,2}", Rx.END_B64, 80, Validators.token(), "whsec_"),
            token("square-access-token", "Square access token (EAAA..., sq0atp-...)",
                "(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[0-9A-Za-z_-]{22})", END_WORD, 72, Validators.token(), "eaaa", "sq0atp-"),
            token("square-oauth-secret", "Square OAuth application secret (sq0csp-...)",
                "sq0csp-[0-9A-Za-z_-]{43}", END_WORD, 56, Validators.token(), "sq0csp-"),
            token("braintree-access-token", "PayPal Braintree access token (access_token$production$...)",
                "access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}", END_ALNUM, 90, Validators.token(),
                "access_token$production$", "access_token$sandbox$"),
            keyed("paypal-client-secret", "PayPal REST client secret assigned to a key naming PayPal",
                "paypal[A-Za-z0-9_.-]{0,20}?secret", "E[A-Za-z0-9_-]{79}", "paypal"),
            keyed("adyen-api-key", "Adyen API key assigned to a key naming Adyen",
                "adyen[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|key)", "AQE[A-Za-z0-9+/=_.-]{60,300}", Rx.END_B64, 360,
                Validators.token(), "adyen"),
            token("shopify-access-token", "Shopify Admin API access token (shpat_...)",
                "shpat_[a-fA-F0-9]{32}", END_ALNUM, 40, Validators.token(), "shpat_"),
            token("shopify-custom-app-token", "Shopify custom app access token (shpca_...)",
                "shpca_[a-fA-F0-9]{32}", END_ALNUM, 40, Validators.token(), "shpca_"),
            token("shopify-private-app-token", "Shopify private app access token (shppa_...)",
                "shppa_[a-fA-F0-9]{32}", END_ALNUM, 40, Validators.token(), "shppa_"),
            token("shopify-shared-secret", "Shopify app shared secret (shpss_...)",
                "shpss_[a-fA-F0-9]{32}", END_ALNUM, 40, Validators.token(), "shpss_"),
            token("flutterwave-secret-key", "Flutterwave secret key (FLWSECK-..., FLWSECK_TEST-...)",
                "FLWSECK(?:_TEST)?-[a-f0-9]{32}-X", END_ALNUM, 56, Validators.token(), "flwseck"),
            token("plaid-access-token", "Plaid access token (access-production-..., access-sandbox-...)",
                "access-(?:production|development|sandbox)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                END_ALNUM, 72, Validators.token(), "access-production-", "access-development-", "access-sandbox-"),
            token("easypost-api-key", "EasyPost API key (EZAK...)",
                "EZ[AT]K[A-Za-z0-9]{54}", END_ALNUM, 64, Validators.token(), "ezak", "eztk"),
            token("shippo-api-token", "Shippo API token (shippo_live_, shippo_test_)",
                "shippo_(?:live|test)_[a-f0-9]{40}", END_ALNUM, 56, Validators.token(), "shippo_"),
            token("duffel-api-token", "Duffel API token (duffel_live_, duffel_test_)",
                "duffel_(?:test|live)_[A-Za-z0-9_-]{43}", END_WORD, 60, Validators.token(), "duffel_"));

    }
}
