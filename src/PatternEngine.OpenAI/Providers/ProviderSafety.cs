namespace PatternEngine.Models.Providers;

/// <summary>
/// Two ways a providers file or flag could leak an API key: a key pasted where its variable's name belongs (it would be
/// echoed in messages), and a key sent over plain <c>http</c> to another machine.
/// </summary>
internal static class ProviderSafety
{
    // The prefixes providers give their keys and tokens (OpenAI, Stripe-like, GitHub, GitLab, Slack, Hugging Face,
    // AWS, Google, JWTs).
    private static readonly string[] KeyPrefixes =
        ["sk-", "sk_", "pk_", "rk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "hf_", "AKIA", "ASIA", "AIza", "eyJ"];

    /// <summary>
    /// Whether <paramref name="value"/>, given as the name of an environment variable, looks like a key instead: a
    /// known key prefix, or a long run of mixed letters and digits where a name has words joined by underscores.
    /// </summary>
    public static bool LooksLikeKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length >= 16 && KeyPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }

        foreach (var run in value.Split('_', '-', '.'))
        {
            var digits = run.Any(char.IsAsciiDigit);
            var mixedCase = run.Any(char.IsAsciiLetterLower) && run.Any(char.IsAsciiLetterUpper);
            if ((run.Length >= 20 && digits && run.Any(char.IsAsciiLetter)) || (run.Length >= 12 && digits && mixedCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What is wrong when <paramref name="provider"/> would send its key over plain http to another machine; else null.</summary>
    public static string? InsecureKey(ProviderSettings provider) =>
        provider.ApiKeyEnv is not null && provider.Endpoint.Scheme == Uri.UriSchemeHttp && !provider.Endpoint.IsLoopback && !provider.AllowInsecureHttp
            ? $"provider '{provider.Name}' would send its API key over plain http to {provider.Endpoint.Host}, where anyone on the way can read it; use https, or set allow_insecure_http: true if the network is yours"
            : null;

    /// <summary>The message for a key given as a variable's name; it never repeats the value.</summary>
    public static string KeyAsName(string field) =>
        $"{field} looks like an API key, not the name of an environment variable; put the key in a variable and name that here (the value is not shown)";
}
