package io.egressguard.core.scan.detect;

import static io.egressguard.core.scan.detect.Rx.END_ALNUM;
import static io.egressguard.core.scan.detect.Rx.END_B64;
import static io.egressguard.core.scan.detect.Rx.END_WORD;
import static io.egressguard.core.scan.detect.Rx.token;

import java.util.List;

/** Source hosts, package registries, CI and infrastructure-as-code services. */
final class SourceHostDetectors {

    private SourceHostDetectors() {}

    static List<Detector> all() {
        return List.of(
            github("github-personal-access-token", "GitHub classic personal access token (ghp_...)", "ghp_"),
            github("github-oauth-token", "GitHub OAuth access token (gho_...)", "gho_"),
            github("github-user-to-server-token", "GitHub App user access token (ghu_...)", "ghu_"),
            github("github-app-installation-token", "GitHub App installation (server-to-server) token (ghs_...)", "ghs_"),
            github("github-refresh-token", "GitHub App refresh token (ghr_...)", "ghr_"),
            token("github-fine-grained-token", "GitHub fine-grained personal access token (github_pat_...)",
                "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", END_ALNUM, 96, Validators.token(), "github_pat_"),
            gitlab("gitlab-personal-access-token", "GitLab personal, project or group access token (glpat-...)", "glpat-"),
            gitlab("gitlab-deploy-token", "GitLab deploy token (gldt-...)", "gldt-"),
            gitlab("gitlab-runner-token", "GitLab runner authentication token (glrt-...)", "glrt-"),
            gitlab("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token (glptt-...)", "glptt-"),
            gitlab("gitlab-ci-job-token", "GitLab CI/CD job token (glcbt-...)", "glcbt-"),
            gitlab("gitlab-oauth-app-secret", "GitLab OAuth application secret (gloas-...)", "gloas-"),
            gitlab("gitlab-feed-token", "GitLab feed token (glft-...)", "glft-"),
            gitlab("gitlab-incoming-mail-token", "GitLab incoming mail token (glimt-...)", "glimt-"),
            gitlab("gitlab-feature-flags-client-token", "GitLab feature flags client token (glffct-...)", "glffct-"),
            gitlab("gitlab-scim-token", "GitLab SCIM OAuth token (glsoat-...)", "glsoat-"),
            gitlab("gitlab-agent-token", "GitLab agent for Kubernetes token (glagent-...)", "glagent-"),
            token("gitlab-runner-registration-token", "GitLab runner registration token (GR1348941...)",
                "GR1348941[A-Za-z0-9_-]{20}", END_WORD, 40, Validators.token(), "gr1348941"),
            token("bitbucket-app-password", "Bitbucket app password (ATBB...)",
                "ATBB[A-Za-z0-9_=.-]{32}", END_WORD, 48, Validators.token(), "atbb"),
            token("bitbucket-access-token", "Bitbucket repository/project/workspace access token (ATCTT3xFfGN0...)",
                "ATCTT3xFfGN0[A-Za-z0-9_=-]{150,250}", END_WORD, 270, Validators.token(), "atctt3xffgn0"),
            token("npm-access-token", "npm access token (npm_..., CRC32 checksum verified)",
                "npm_[A-Za-z0-9]{36}", END_ALNUM, 48, Validators.githubChecksum(), "npm_"),
            token("pypi-upload-token", "PyPI / TestPyPI API token (pypi-AgE...)",
                "pypi-AgE[A-Za-z0-9_-]{50,400}", END_WORD, 420, Validators.token(), "pypi-age"),
            token("rubygems-api-key", "RubyGems.org API key (rubygems_...)",
                "rubygems_[a-f0-9]{48}", END_ALNUM, 64, Validators.token(), "rubygems_"),
            token("nuget-api-key", "NuGet.org API key (oy2...)",
                "oy2[a-z0-9]{43}", END_ALNUM, 56, Validators.token(), "oy2"),
            token("docker-hub-access-token", "Docker Hub personal or organization access token (dckr_pat_, dckr_oat_)",
                "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}", END_WORD, 48, Validators.token(), "dckr_pat_", "dckr_oat_"),
            token("jfrog-api-key", "JFrog Artifactory API key (AKCp...)",
                "AKCp[A-Za-z0-9]{69}", END_ALNUM, 80, Validators.token(), "akcp"),
            token("jfrog-reference-token", "JFrog reference/identity token (cmVmdGtu...)",
                "cmVmdGtu[A-Za-z0-9]{56}", END_ALNUM, 72, Validators.token(), "cmvmdgtu"),
            token("sonar-token", "SonarQube / SonarCloud token (sqp_, sqa_, squ_)",
                "sq[pau]_[a-f0-9]{40}", END_ALNUM, 48, Validators.token(), "sqp_", "sqa_", "squ_"),
            token("terraform-cloud-token", "Terraform Cloud / Enterprise API token (....atlasv1....)",
                "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}", END_WORD, 100, Validators.token(), ".atlasv1."),
            token("pulumi-access-token", "Pulumi access token (pul-...)",
                "pul-[a-f0-9]{40}", END_ALNUM, 48, Validators.token(), "pul-"),
            token("vault-token", "HashiCorp Vault service, batch or recovery token (hvs., hvb., hvr.)",
                "hv[sbr]\\.[A-Za-z0-9_-]{24,400}", END_WORD, 410, Validators.token(), "hvs.", "hvb.", "hvr."),
            token("doppler-token", "Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)",
                "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}", END_ALNUM, 60, Validators.token(),
                "dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."),
            token("circleci-personal-token", "CircleCI personal API token (CCIPAT_...)",
                "CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}", END_ALNUM, 80, Validators.token(), "ccipat_"),
            token("buildkite-agent-token", "Buildkite user access token (bkua_...)",
                "bkua_[a-f0-9]{40}", END_ALNUM, 48, Validators.token(), "bkua_"),
            token("postman-api-key", "Postman API key (PMAK-...)",
                "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", END_ALNUM, 72, Validators.token(), "pmak-"),
            token("clojars-deploy-token", "Clojars deploy token (CLOJARS_...)",
                "CLOJARS_[a-z0-9]{60}", END_ALNUM, 72, Validators.token(), "clojars_"),
            token("age-secret-key", "age encryption secret key (AGE-SECRET-KEY-1...)",
                "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", END_ALNUM, 80, Validators.token(), "age-secret-key-1"),
            token("onepassword-service-account-token", "1Password service account token (ops_eyJ...)",
                "ops_eyJ[A-Za-z0-9+/]{100,1500}={0,2}", END_B64, 1520, Validators.token(), "ops_eyj"));
    }

    private static Detector github(String id, String description, String prefix) {
        return token(id, description + ", CRC32 checksum verified", prefix + "[A-Za-z0-9]{36}", END_ALNUM, 48,
            Validators.githubChecksum(), prefix);
    }

    private static Detector gitlab(String id, String description, String prefix) {
        // 20 characters historically; newer tokens are longer and may end in a ".<version>.<checksum>" routing part
        return token(id, description, prefix + "[A-Za-z0-9_-]{20,64}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?", END_WORD, 96,
            Validators.token(), prefix);
    }
}
