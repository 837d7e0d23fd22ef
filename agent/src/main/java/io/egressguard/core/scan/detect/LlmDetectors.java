package io.egressguard.core.scan.detect;

import static io.egressguard.core.scan.detect.Rx.END_ALNUM;
import static io.egressguard.core.scan.detect.Rx.END_WORD;
import static io.egressguard.core.scan.detect.Rx.keyed;
import static io.egressguard.core.scan.detect.Rx.token;

import java.util.List;

/** LLM and AI providers. The Google AI (Gemini) key is {@code google-api-key} in {@link CloudDetectors}. */
final class LlmDetectors {

    private LlmDetectors() {}

    static List<Detector> all() {
        return List.of(
            token("openai-project-key", "OpenAI project API key (sk-proj-...)",
                "sk-proj-[A-Za-z0-9_-]{40,250}", END_WORD, 270, Validators.token(), "sk-proj-"),
            token("openai-service-account-key", "OpenAI service account key (sk-svcacct-...)",
                "sk-svcacct-[A-Za-z0-9_-]{40,250}", END_WORD, 270, Validators.token(), "sk-svcacct-"),
            token("openai-admin-key", "OpenAI admin key (sk-admin-...)",
                "sk-admin-[A-Za-z0-9_-]{40,250}", END_WORD, 270, Validators.token(), "sk-admin-"),
            token("openai-api-key", "OpenAI user API key, legacy format (sk-...T3BlbkFJ...)",
                "sk-(?:None-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}", END_WORD, 170, Validators.token(), "t3blbkfj"),
            token("anthropic-api-key", "Anthropic API or OAuth key (sk-ant-api03-..., sk-ant-oat01-...)",
                "sk-ant-(?:api|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{80,120}", END_WORD, 150, Validators.token(), "sk-ant-"),
            token("anthropic-admin-key", "Anthropic admin key (sk-ant-admin01-...)",
                "sk-ant-admin[0-9]{2}-[A-Za-z0-9_-]{80,120}", END_WORD, 150, Validators.token(), "sk-ant-admin"),
            token("groq-api-key", "Groq API key (gsk_...)",
                "gsk_[A-Za-z0-9]{52}", END_ALNUM, 64, Validators.token(), "gsk_"),
            token("huggingface-token", "Hugging Face user access token (hf_...)",
                "hf_[A-Za-z]{34}", END_ALNUM, 44, Validators.token(), "hf_"),
            token("huggingface-org-token", "Hugging Face organization API token (api_org_...)",
                "api_org_[A-Za-z]{34}", END_ALNUM, 48, Validators.token(), "api_org_"),
            token("replicate-api-token", "Replicate API token (r8_...)",
                "r8_[A-Za-z0-9]{37}", END_ALNUM, 48, Validators.token(), "r8_"),
            keyed("cohere-api-key", "Cohere API key assigned to a key naming Cohere",
                "cohere[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|key|token)|co_api_key", "[A-Za-z0-9]{40}", "cohere", "co_api_key"),
            keyed("mistral-api-key", "Mistral AI API key assigned to a key naming Mistral",
                "mistral[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|key|token)", "[A-Za-z0-9]{32}", "mistral"),
            token("perplexity-api-key", "Perplexity API key (pplx-...)",
                "pplx-[A-Za-z0-9]{48}", END_ALNUM, 60, Validators.token(), "pplx-"),
            token("xai-api-key", "xAI (Grok) API key (xai-...)",
                "xai-[A-Za-z0-9]{80}", END_ALNUM, 90, Validators.token(), "xai-"),
            token("openrouter-api-key", "OpenRouter API key (sk-or-v1-...)",
                "sk-or-v1-[a-f0-9]{64}", END_ALNUM, 80, Validators.token(), "sk-or-v1-"),
            keyed("together-api-key", "Together AI API key assigned to a key naming Together",
                "together[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|key|token)", "(?:tgp_v1_[A-Za-z0-9_-]{43}|[a-f0-9]{64})", "together"),
            keyed("fireworks-api-key", "Fireworks AI API key assigned to a key naming Fireworks",
                "fireworks[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|key|token)", "(?:fw_)?[A-Za-z0-9]{24,48}", "fireworks"),
            keyed("deepseek-api-key", "DeepSeek API key assigned to a key naming DeepSeek",
                "deepseek[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|key|token)", "sk-[a-f0-9]{32}", END_ALNUM, 160,
                Validators.token(), "deepseek"),
            token("langsmith-api-key", "LangSmith personal or service key (lsv2_pt_, lsv2_sk_)",
                "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", END_ALNUM, 64, Validators.token(), "lsv2_"),
            token("langfuse-secret-key", "Langfuse secret key (sk-lf-...)",
                "sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", END_ALNUM, 56, Validators.token(), "sk-lf-"),
            token("cerebras-api-key", "Cerebras API key (csk-...)",
                "csk-[a-z0-9]{48}", END_ALNUM, 60, Validators.token(), "csk-"),
            token("nvidia-api-key", "NVIDIA NGC / build.nvidia.com API key (nvapi-...)",
                "nvapi-[A-Za-z0-9_-]{64}", END_WORD, 80, Validators.token(), "nvapi-"),
            token("pinecone-api-key", "Pinecone API key (pcsk_...)",
                "pcsk_[A-Za-z0-9_]{50,100}", END_ALNUM, 110, Validators.token(), "pcsk_"),
            keyed("elevenlabs-api-key", "ElevenLabs API key assigned to a key naming ElevenLabs",
                "(?:elevenlabs|xi)[_.-]?api[_.-]?key", "(?:sk_)?[a-f0-9]{32,48}", END_ALNUM, 160, Validators.token(),
                "elevenlabs", "xi-api-key", "xi_api_key"),
            keyed("wandb-api-key", "Weights & Biases API key assigned to a key naming W&B",
                "wandb[_.-]?(?:api[_.-]?)?key", "[a-f0-9]{40}", END_ALNUM, 160, Validators.token(), "wandb"));
    }
}
