package io.egressguard.core.scan.detect;

import static io.egressguard.core.scan.detect.Rx.HOST_START;
import static io.egressguard.core.scan.detect.Rx.SEP;
import static io.egressguard.core.scan.detect.Rx.USERINFO_PASSWORD;
import static io.egressguard.core.scan.detect.Rx.USERINFO_USER;

import java.util.List;

/**
 * Formats that are not one vendor's: JWTs, PEM private keys, passwords in URLs and connection strings,
 * Authorization header values, and values assigned to keys that name a secret.
 */
final class GenericDetectors {

    private GenericDetectors() {}

    /**
     * The text of a PEM block: base64, headers (Proc-Type, DEK-Info), real or escaped line breaks (JSON,
     * Java). Runs of characters separated by single dashes: it never holds "-----", so a BEGIN without
     * an END fails at the next dashes, not 16000 characters later. Only character classes are
     * repeated many times; a repeated group would recurse once per character in java.util.regex and
     * overflow the stack of an application thread on a large key.
     */
    private static final String PEM_BODY = "(?:[A-Za-z0-9+/=:,\\s\\\\]{1,16000}+-?){1,64}?";

    /**
     * Words that make a key name a secret's. The word must end the key or be followed by a separator, a
     * capital (camel case), a digit or a plural 's': "tokenizer" and "passthrough" are not secrets.
     */
    private static final String PASSWORD_WORDS = "pass(?:word|wd|phrase)?|pwd";
    private static final String SECRET_WORDS = "secret|client[_.-]?secret|credentials?|creds";
    private static final String TOKEN_WORDS = "token";
    private static final String API_KEY_WORDS = "api[_.-]?key|access[_.-]?key|private[_.-]?key|secret[_.-]?key"
        + "|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key";

    /** Last parts of a key name that say its value is about the secret, not the secret itself. */
    private static final String NOT_A_SECRET_SUFFIX = "(?![_.-]?(?i:id|ids|type|name|names|count|length|len|size|limit"
        + "|ttl|expiry|expires|expiration|expires_at|url|uri|endpoint|path|file|dir|hint|policy|prefix|version"
        + "|provider|header|format|field|label|kind|mode|enabled|required|usage|used|min|max|index"
        + "|encoder|validator|manager|service|factory|handler|strategy|class|bean)(?![A-Za-z]))";

    /**
     * Characters of an assigned value: up to a quote, a space, a backslash (escaped quote or "\n"), a
     * separator; an '&' ends it only where a query parameter ({@code &user=}) or an HTML entity
     * ({@code &gt;}) follows.
     */
    private static final String VALUE_RUN = "[^\\s\"'`\\\\,;&<>(){}\\[\\]]";
    private static final String ASSIGNED_VALUE = VALUE_RUN + "{1,512}+"
        + "(?:&(?![A-Za-z0-9_.-]{1,40}=|[A-Za-z]{2,8};|#[0-9]{2,6};)" + VALUE_RUN + "{0,512}+){0,8}+";

    /**
     * A value between plain double quotes, JSON escapes included: {@code "password":"a\\nb\\"c"} is one value.
     * Only after an unescaped quote: after {@code \\"} (JSON inside a JSON string) a backslash ends the value.
     */
    private static final String QUOTED_VALUE = "(?<=[^\\\\]\")(?:[^\"\\\\\\s]|\\\\[^\\s]){1,512}+(?=\")";

    static List<Detector> all() {
        return List.of(
            Detector.builder("jwt")
                .description("JSON Web Token (header decodes to JSON naming an \"alg\")")
                .keywords("eyj")
                .pattern(Rx.LB + "(eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{2,8000}\\.[A-Za-z0-9_-]{0,2000})(?![A-Za-z0-9_.=-])")
                .group(1)
                .window(12100)
                .startsAtKeyword()
                .validator(Validators.jwt())
                .build(),
            pem("pem-private-key", "PEM private key (PKCS#1 RSA, EC, DSA, PKCS#8, encrypted PKCS#8)",
                "(?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY", "private key-----"),
            pem("openssh-private-key", "OpenSSH private key", "OPENSSH PRIVATE KEY", "openssh private key-----"),
            pem("pgp-private-key-block", "PGP / GPG private key block", "PGP PRIVATE KEY BLOCK", "pgp private key block-----"),
            url("postgres-url-password", "password in a PostgreSQL URL (postgres://, postgresql+driver://)",
                "postgres(?:ql)?(?:\\+[a-z0-9]{1,20})?", "postgres://", "postgresql://", "postgres+", "postgresql+"),
            url("mysql-url-password", "password in a MySQL / MariaDB URL", "(?:mysql|mariadb)(?:\\+[a-z0-9]{1,20})?",
                "mysql://", "mysql+", "mariadb://", "mariadb+"),
            url("mongodb-url-password", "password in a MongoDB URL (mongodb://, mongodb+srv://)", "mongodb(?:\\+srv)?", "mongodb://", "mongodb+srv://"),
            url("redis-url-password", "password in a Redis URL (redis://, rediss://)", "rediss?", "redis://", "rediss://"),
            url("amqp-url-password", "password in an AMQP / RabbitMQ URL (amqp://, amqps://)", "amqps?", "amqp://", "amqps://"),
            Detector.builder("url-password")
                .description("password in the user info of any URL (scheme://user:password@host)")
                .keywords("://")
                .pattern("://" + USERINFO_USER + ":(" + USERINFO_PASSWORD + ")@" + HOST_START)
                .group(1)
                .window(400)
                .startsAtKeyword()
                .validator(Validators.password())
                .generic()
                .build(),
            Detector.builder("jdbc-password")
                .description("password parameter of a JDBC URL (jdbc:...password=...)")
                .keywords("jdbc:")
                .pattern("(?i:jdbc:[a-z0-9:]{1,40}+[^\\s\"'`]{0,400}?[?&;](?:password|pwd)=)([^&;\\s\"'`\\\\]{1,256}+)")
                .group(1)
                .window(500)
                .startsAtKeyword()
                .validator(Validators.password())
                .generic()
                .build(),
            Detector.builder("jdbc-oracle-password")
                .description("password of an Oracle thin JDBC URL (jdbc:oracle:thin:user/password@host)")
                .keywords("jdbc:oracle:")
                .pattern("(?i:jdbc:oracle:(?:thin|oci):)[A-Za-z0-9_$#.]{1,128}/([^@\\s\"'`\\\\/]{1,128}+)@")
                .group(1)
                .window(300)
                .startsAtKeyword()
                .validator(Validators.password())
                .build(),
            Detector.builder("connection-string-password")
                .description("Password= of a ;-separated connection string (ADO.NET, ODBC)")
                .keywords("password=", "pwd=")
                .pattern("(?i:(?:server|data source|host|hostname|address|addr|dsn|driver|uid|user id|user)\\s{0,4}=[^;\\r\\n\"]{0,200}"
                    + "(?:;[^;\\r\\n\"]{0,200}){0,12}?;\\s{0,4}(?:password|pwd)\\s{0,4}=\\s{0,4})([^;\\s\"'`\\\\]{1,256}+)")
                .group(1)
                .window(2600)
                .validator(Validators.password())
                .generic()
                .build(),
            Detector.builder("basic-auth-credentials")
                .description("credentials of an HTTP Basic Authorization header value (base64 user:password)")
                .keywords("basic ")
                .pattern("(?i:authorization)(?:\\\\{0,3}[\"'])?\\s{0,4}+[:=]\\s{0,4}+(?:\\\\{0,3}[\"'])?(?i:basic)\\s{1,4}+"
                    + "([A-Za-z0-9+/]{4,1000}+={0,2})(?![A-Za-z0-9+/=])")
                .group(1)
                .window(1100)
                .validator(Validators.basicCredentials())
                .generic()
                .build(),
            Detector.builder("bearer-token")
                .description("token of a Bearer Authorization value (Bearer ...)")
                .keywords("bearer")
                .pattern("(?<![A-Za-z0-9])(?i:bearer)\\s{1,4}+([A-Za-z0-9._~+/-]{16,4000}+=*)(?![A-Za-z0-9._~+/=-])")
                .group(1)
                .window(4100)
                .startsAtKeyword()
                .validator(Validators.token())
                .generic()
                .build(),
            assignment("password-assignment", "value of a key naming a password (password=, db_pass:, \"pwd\": ...)",
                PASSWORD_WORDS, "passw", "passphrase", "pass=", "pass:", "pass\"", "pass'", "_pass", ".pass", "-pass", "pwd"),
            assignment("secret-assignment", "value of a key naming a secret or credentials (client_secret=, CREDENTIALS: ...)",
                SECRET_WORDS, "secret", "credential", "creds"),
            assignment("token-assignment", "value of a key naming a token (access_token=, GITHUB_TOKEN: ...)",
                TOKEN_WORDS, "token"),
            assignment("api-key-assignment", "value of a key naming a key (api_key=, X-Api-Key:, private_key: ...)",
                API_KEY_WORDS, "apikey", "api_key", "api-key", "api.key", "accesskey", "access_key", "access-key",
                "privatekey", "private_key", "private-key", "secretkey", "secret_key", "secret-key", "authkey", "auth_key",
                "auth-key", "signingkey", "signing_key", "signing-key", "encryptionkey", "encryption_key", "encryption-key",
                "masterkey", "master_key", "master-key"));
    }

    private static Detector pem(String id, String description, String label, String keyword) {
        return Detector.builder(id)
            .description(description)
            .keywords(keyword)
            .pattern("(-----BEGIN (" + label + ")-----" + PEM_BODY + "-----END \\2-----)")
            .group(1)
            .window(16100)
            .build();
    }

    private static Detector url(String id, String description, String schemeRegex, String... keywords) {
        return Detector.builder(id)
            .description(description)
            .keywords(keywords)
            .pattern("(?<![A-Za-z0-9+.-])(?i:" + schemeRegex + ")://" + USERINFO_USER + ":(" + USERINFO_PASSWORD + ")@" + HOST_START)
            .group(1)
            .window(400)
            .startsAtKeyword()
            .validator(Validators.password())
            .build();
    }

    /**
     * A value assigned to a key that names a secret ({@code words}), in any syntax: {@code key=value},
     * {@code key: value}, {@code "key": "value"}, {@code --some.key=value}, {@code -Dx.key=value}, JSON
     * inside a Java string ({@code \"key\":\"value\"}). The value must look random
     * ({@link Validators#looksRandom}); vendor formats found inside win over this finding.
     */
    private static Detector assignment(String id, String description, String words, String... keywords) {
        // the match starts at the secret word: what precedes it in the key (DB_, spring.datasource.) is not needed
        String key = "(?i:" + words + ")s?(?![a-z])"
            + NOT_A_SECRET_SUFFIX + "[A-Za-z0-9_.-]{0,30}?";
        return Detector.builder(id)
            .description(description)
            .keywords(keywords)
            .pattern(key + SEP + "(" + QUOTED_VALUE + "|" + ASSIGNED_VALUE + ")(?!\\()") // a value followed by '(' is a call: code
            .group(1)
            .window(640)
            .startsAtKeyword(1) // "_pass", ".pass", "-pass": the word starts one character in
            .validator(Validators.randomValue())
            .generic()
            .build();
    }
}
