using System.Globalization;
using PatternEngine.Models.Providers;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>Providers files pointing at a reference server, with short time limits and delays so fault tests run fast.</summary>
public static class ReferenceProviders
{
    public const string KeyVariable = "FAKE_OPENAI_KEY";

    public const string Key = "sk-test-0123456789-secret";

    public static string? Environment(string name) => name == KeyVariable ? Key : null;

    /// <summary>A file with provider <c>fake</c> serving <c>default</c> as <paramref name="model"/>; <paramref name="models"/> adds routes.</summary>
    public static ProvidersFile File(
        ReferenceServer server, double timeoutSeconds = 5, int maxAttempts = 3, string models = "", string provider = "", int minimumThroughput = 100, bool structuredOutput = true, string defaultExtras = "", string providerExtras = "", string model = "fake-model") =>
        ProvidersFile.Parse(Yaml(server, timeoutSeconds, maxAttempts, models, provider, minimumThroughput, structuredOutput, defaultExtras, providerExtras, model), "providers.yaml");

    /// <summary>The text of <see cref="File"/>; without <paramref name="keyVariable"/> the provider needs no key (for the command line, which reads the real environment).</summary>
    public static string Yaml(
        ReferenceServer server, double timeoutSeconds = 5, int maxAttempts = 3, string models = "", string provider = "", int minimumThroughput = 100, bool structuredOutput = true, string defaultExtras = "", string providerExtras = "", string model = "fake-model", string? keyVariable = KeyVariable) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            providers:
              fake:
                endpoint: {{server.Endpoint}}
                {{(keyVariable is null ? "" : "api_key_env: " + keyVariable)}}
                timeout_seconds: {{timeoutSeconds}}
                retries: { max_attempts: {{maxAttempts}}, base_delay_ms: 10, max_delay_ms: 3000 }
                circuit_breaker: { minimum_throughput: {{minimumThroughput}}, failure_ratio: 0.5, sampling_seconds: 30, break_seconds: 30 }
                structured_output: {{(structuredOutput ? "true" : "false")}}
                {{providerExtras}}
            {{provider}}
            models:
              default: { provider: fake, model: {{model}}{{defaultExtras}} }
            {{models}}
            """);

    /// <summary>An engine whose routes are <paramref name="file"/>'s, reading the test key.</summary>
    public static PatternRuntime Engine(ProvidersFile file, Action<PatternEngineBuilder>? configure = null)
    {
        var builder = new PatternEngineBuilder().AddProviders(file, Environment);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>A script that gives the replies in order, repeating the last one.</summary>
    public static Func<ServerRequest, ServerReply> InOrder(params ServerReply[] replies) =>
        request => replies[Math.Min(request.Number, replies.Length - 1)];
}
