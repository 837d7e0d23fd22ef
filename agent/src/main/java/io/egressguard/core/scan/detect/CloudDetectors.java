package io.egressguard.core.scan.detect;

import static io.egressguard.core.scan.detect.Rx.END_ALNUM;
import static io.egressguard.core.scan.detect.Rx.END_B64;
import static io.egressguard.core.scan.detect.Rx.END_WORD;
import static io.egressguard.core.scan.detect.Rx.keyed;
import static io.egressguard.core.scan.detect.Rx.token;

import java.util.List;

/** Cloud providers: access keys, API keys, service-account keys, storage connection strings. */
final class CloudDetectors {

    private CloudDetectors() {}

    static List<Detector> all() {
        return List.of(
            token("aws-access-key-id", "AWS long-term access key id (AKIA..., also ABIA/ACCA)",
                "(?:AKIA|ABIA|ACCA)[A-Z2-7]{16}", END_ALNUM, 40, Validators.token(), "akia", "abia", "acca"),
            token("aws-temporary-access-key-id", "AWS temporary (STS) access key id (ASIA...)",
                "ASIA[A-Z2-7]{16}", END_ALNUM, 40, Validators.token(), "asia"),
            keyed("aws-secret-access-key", "AWS secret access key assigned to a key naming it",
                "aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?",
                "[A-Za-z0-9/+]{40}", END_B64, 160, Validators.token(3.5),
                "secret_access", "secretaccess", "secret-access", "aws_secret", "awssecret", "aws-secret"),
            keyed("aws-session-token", "AWS session token (STS) assigned to a key naming it",
                "(?:aws_?)?session_?token",
                "[A-Za-z0-9/+]{100,1500}={0,2}", END_B64, 1600, Validators.token(4.0),
                "session_token", "sessiontoken", "session-token"),
            token("google-api-key", "Google API key (Cloud, Maps, Gemini / Google AI Studio): AIza...",
                "AIza[0-9A-Za-z_-]{35}", END_WORD, 48, Validators.token(), "aiza"),
            token("google-oauth-client-secret", "Google OAuth client secret (GOCSPX-...)",
                "GOCSPX-[0-9A-Za-z_-]{28}", END_WORD, 40, Validators.token(), "gocspx-"),
            token("google-oauth-access-token", "Google OAuth 2.0 access token (ya29....)",
                "ya29\\.[0-9A-Za-z_-]{30,2048}", END_WORD, 2100, Validators.token(), "ya29."),
            token("google-oauth-refresh-token", "Google OAuth 2.0 refresh token (1//0...)",
                "1//0[0-9A-Za-z_-]{40,512}", END_WORD, 560, Validators.token(), "1//0"),
            Detector.builder("gcp-service-account-key")
                .description("private_key of a Google Cloud service-account JSON key file (PEM with escaped newlines)")
                .keywords("\"private_key\"", "\\\"private_key\\\"")
                .pattern("\\\\{0,3}\"private_key\\\\{0,3}\"\\s{0,4}+:\\s{0,4}+\\\\{0,3}\""
                    + "(-----BEGIN PRIVATE KEY-----(?:\\\\{1,3}n|\\s)[A-Za-z0-9+/=\\\\\\s]{64,8000}?-----END PRIVATE KEY-----(?:\\\\{1,3}n)?)")
                .group(1)
                .window(8200)
                .build(),
            token("azure-storage-account-key", "Azure storage account key in a connection string (AccountKey=...)",
                "(?<=AccountKey=)[A-Za-z0-9+/]{86}==", END_B64, 120, Validators.token(), "accountkey="),
            token("azure-shared-access-key", "Azure Service Bus / Event Hubs / IoT shared access key (SharedAccessKey=...)",
                "(?<=SharedAccessKey=)[A-Za-z0-9+/]{42,43}=", END_B64, 80, Validators.token(), "sharedaccesskey="),
            token("azure-sas-signature", "signature of an Azure shared access signature URL (sig=...%3D)",
                "(?<=[?&]sig=)(?:[A-Za-z0-9]|%2[BbFf]|\\+|/){43,60}(?:%3[Dd]|=)", "(?![A-Za-z0-9%])", 200,
                Validators.token(), "&sig=", "?sig="),
            token("azure-ad-client-secret", "Microsoft Entra ID (Azure AD) application client secret (...8Q~...)",
                "[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}", "(?![A-Za-z0-9_~.-])", 48, Validators.token(),
                "0q~", "1q~", "2q~", "3q~", "4q~", "5q~", "6q~", "7q~", "8q~", "9q~"),
            token("digitalocean-personal-access-token", "DigitalOcean personal access token (dop_v1_...)",
                "dop_v1_[a-f0-9]{64}", END_ALNUM, 80, Validators.token(), "dop_v1_"),
            token("digitalocean-oauth-token", "DigitalOcean OAuth access token (doo_v1_...)",
                "doo_v1_[a-f0-9]{64}", END_ALNUM, 80, Validators.token(), "doo_v1_"),
            token("digitalocean-refresh-token", "DigitalOcean OAuth refresh token (dor_v1_...)",
                "dor_v1_[a-f0-9]{64}", END_ALNUM, 80, Validators.token(), "dor_v1_"),
            token("alibaba-access-key-id", "Alibaba Cloud AccessKey id (LTAI...)",
                "LTAI[A-Za-z0-9]{12,20}", END_ALNUM, 32, Validators.token(), "ltai"),
            keyed("alibaba-access-key-secret", "Alibaba Cloud AccessKey secret assigned to a key naming it",
                "(?:alibaba|aliyun|alicloud)[A-Za-z0-9_.-]{0,20}?secret", "[A-Za-z0-9]{30}", "alibaba", "aliyun", "alicloud"),
            keyed("ibm-cloud-api-key", "IBM Cloud API key assigned to a key naming it",
                "ibm[_.-]?(?:cloud[_.-]?)?api[_.-]?key", "[A-Za-z0-9_-]{44}", "ibm_cloud", "ibmcloud", "ibm_api", "ibm-api", "ibm-cloud", "ibmapi"),
            token("heroku-api-key", "Heroku platform API key (HRKU-...)",
                "HRKU-[A-Za-z0-9_-]{60}", END_WORD, 72, Validators.token(), "hrku-"),
            keyed("heroku-legacy-api-key", "Heroku API key (a UUID) assigned to a key naming Heroku",
                "heroku[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|token|key)",
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "heroku"),
            token("cloudflare-origin-ca-key", "Cloudflare Origin CA key (v1.0-...)",
                "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}", END_ALNUM, 190, Validators.token(), "v1.0-"),
            keyed("cloudflare-api-token", "Cloudflare API token assigned to a key naming Cloudflare",
                "cloudflare[A-Za-z0-9_.-]{0,20}?(?:token|key)|cf_api_(?:token|key)", "[A-Za-z0-9_-]{37,40}", "cloudflare", "cf_api_"),
            token("flyio-access-token", "Fly.io access token (fo1_... or FlyV1 fm2_...)",
                "(?:fo1_[A-Za-z0-9_-]{43}|FlyV1 fm[12][ar]?_[A-Za-z0-9+/=_,-]{100,4000})", END_B64, 4100, Validators.token(), "fo1_", "flyv1 fm"),
            token("scaleway-access-key", "Scaleway access key (SCW...)",
                "SCW[A-Z0-9]{17}", END_ALNUM, 30, Validators.token(), "scw"));
    }
}
