package io.egressguard.core.scan.detect;

import static io.egressguard.core.scan.detect.Rx.END_ALNUM;
import static io.egressguard.core.scan.detect.Rx.END_WORD;
import static io.egressguard.core.scan.detect.Rx.keyed;
import static io.egressguard.core.scan.detect.Rx.token;
import static io.egressguard.core.scan.detect.Rx.tokenAround;

import java.util.List;

/** Chat platforms: bot and user tokens, incoming webhooks (whose URL is the credential). */
final class ChatDetectors {

    private ChatDetectors() {}

    static List<Detector> all() {
        return List.of(
            token("slack-bot-token", "Slack bot token (xoxb-...)",
                "xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}", END_ALNUM, 90, Validators.token(), "xoxb-"),
            token("slack-user-token", "Slack user token (xoxp-...)",
                "xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}", END_ALNUM, 110, Validators.token(), "xoxp-"),
            token("slack-app-token", "Slack app-level token (xapp-...)",
                "xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}", END_ALNUM, 110, Validators.token(), "xapp-"),
            token("slack-config-token", "Slack app configuration token (xoxe.xoxp-..., xoxe.xoxb-...)",
                "xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{150,180}", END_ALNUM, 200, Validators.token(), "xoxe.xox"),
            token("slack-refresh-token", "Slack token rotation refresh token (xoxe-...)",
                "xoxe-[0-9]-[A-Za-z0-9]{140,160}", END_ALNUM, 180, Validators.token(), "xoxe-"),
            token("slack-legacy-token", "Slack legacy or workspace token (xoxa-, xoxo-, xoxs-, xoxr-)",
                "xox[aors]-[0-9]{1,13}-[0-9A-Za-z-]{10,100}", END_ALNUM, 130, Validators.token(),
                "xoxa-", "xoxo-", "xoxs-", "xoxr-"),
            tokenAround("slack-webhook-url", "secret path of a Slack incoming webhook or workflow URL (hooks.slack.com/...)",
                "(?:(?<=hooks\\.slack\\.com/services/)T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}"
                    + "|(?<=hooks\\.slack\\.com/(?:workflows|triggers)/)T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{17,19}/[A-Za-z0-9]{32})",
                END_ALNUM, 130, Validators.token(), "hooks.slack.com/"),
            tokenAround("discord-webhook-url", "token of a Discord webhook URL (discord.com/api/webhooks/ID/TOKEN)",
                "(?<=/api/webhooks/[0-9]{17,20}/)[A-Za-z0-9_-]{60,72}", END_WORD, 120, Validators.token(), "/api/webhooks/"),
            keyed("discord-bot-token", "Discord bot token assigned to a key naming Discord",
                "discord[A-Za-z0-9_.-]{0,20}?(?:token|secret)",
                "[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}", "discord"),
            tokenAround("discord-bot-authorization", "Discord bot token in an Authorization header (Bot ...)",
                "(?<=Bot )[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}", END_WORD, 120,
                Validators.token(), "bot m", "bot n", "bot o"),
            Detector.builder("telegram-bot-token")
                .description("Telegram Bot API token (123456789:AA...), also inside an api.telegram.org/bot... URL")
                .keywords(":aa")
                .pattern("(?:(?<![A-Za-z0-9])|(?<=/bot))([0-9]{8,10}:AA[0-9A-Za-z_-]{33})" + END_WORD)
                .group(1)
                .window(56)
                .validator(Validators.token())
                .build(),
            tokenAround("microsoft-teams-webhook-url", "secret path of a Microsoft Teams incoming webhook (webhookb2/...)",
                "(?<=/webhookb2/)[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{40,60})?",
                END_WORD, 260, Validators.token(), "/webhookb2/"));
    }
}
