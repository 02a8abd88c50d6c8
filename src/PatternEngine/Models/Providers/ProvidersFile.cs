using System.Collections.Immutable;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using PatternEngine.Definitions;
using PatternEngine.Definitions.Loading;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.Providers;

/// <summary>
/// A providers file (<c>providers.yaml</c>): OpenAI-compatible endpoints by name, and the logical model names stages
/// use mapped to a provider's model. Checked against <c>providers-file.schema.json</c> and for references on load.
/// </summary>
public sealed class ProvidersFile
{
    /// <summary>The file <c>patterns run</c> reads from the working directory when no other is given.</summary>
    public const string DefaultFileName = "providers.yaml";

    private static readonly Lazy<JsonSchema> Schema = new(() => Schemas.SchemaReader.ReadEmbedded("PatternEngine.providers-file.schema.json"));

    private ProvidersFile(string file, SourceLocation location, ImmutableDictionary<string, ProviderSettings> providers, ImmutableDictionary<string, RouteSettings> models)
    {
        File = file;
        Location = location;
        Providers = providers;
        Models = models;
    }

    /// <summary>The file's path as given, or a flag's name for providers set up by flags alone.</summary>
    public string File { get; }

    /// <summary>The providers by name.</summary>
    public ImmutableDictionary<string, ProviderSettings> Providers { get; }

    /// <summary>The logical model names by name.</summary>
    public ImmutableDictionary<string, RouteSettings> Models { get; }

    private SourceLocation Location { get; }

    /// <summary>Reads and checks a providers file.</summary>
    /// <exception cref="ProvidersFileException">The file is missing or invalid.</exception>
    public static ProvidersFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "providers file") is { } tooLarge)
        {
            throw Error(new SourceLocation(path, 1, 1), tooLarge);
        }

        try
        {
            return Parse(System.IO.File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProvidersFileException([new Diagnostic(new SourceLocation(path, 1, 1), "cannot read the providers file: " + e.Message)]);
        }
    }

    /// <summary>Reads and checks providers-file text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="ProvidersFileException">The text is invalid.</exception>
    public static ProvidersFile Parse(string yaml, string file = "<providers>")
    {
        LocatedJson document;
        try
        {
            document = YamlToJson.Read(yaml, file);
        }
        catch (PatternFileException e)
        {
            throw new ProvidersFileException(e.Diagnostics);
        }

        var errors = SchemaErrors.Flatten(Schema.Value.Validate(document.Root)).Select(e => Describe(e, document)).ToList();
        var root = document.Root as JObject;
        if (errors.Count == 0)
        {
            errors.AddRange(((JObject)root!["providers"]!).Properties().SelectMany(p => ProviderErrors(p, document)));
        }

        if (errors.Count > 0)
        {
            throw new ProvidersFileException(errors);
        }

        var providers = ((JObject)root!["providers"]!).Properties()
            .ToImmutableDictionary(p => p.Name, p => MapProvider(p, document), StringComparer.Ordinal);
        var models = (root["models"] as JObject)?.Properties()
            .ToImmutableDictionary(p => p.Name, p => MapRoute(p, document), StringComparer.Ordinal)
            ?? ImmutableDictionary<string, RouteSettings>.Empty.WithComparers(StringComparer.Ordinal);
        var result = new ProvidersFile(file, document.LocationOf(root.Property("providers")), providers, models);
        errors.AddRange(result.ReferenceErrors(root, document));
        return errors.Count > 0 ? throw new ProvidersFileException(errors) : result;
    }

    /// <summary>Providers set up by flags alone (<c>--endpoint URL --model ID</c>): one endpoint serving every stage.</summary>
    public static ProvidersFile ForEndpoint(Uri endpoint, string model, string? apiKeyEnv = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(model);
        var location = new SourceLocation("--endpoint", 1, 1);
        if (apiKeyEnv is not null && ProviderSafety.LooksLikeKey(apiKeyEnv))
        {
            throw Error(location, ProviderSafety.KeyAsName("--api-key-env"));
        }

        var provider = new ProviderSettings { Name = "endpoint", Endpoint = endpoint, ApiKeyEnv = apiKeyEnv, DefaultModel = model, Location = location };
        if (ProviderSafety.InsecureKey(provider) is { } insecure)
        {
            throw Error(location, insecure + " (in a providers file)");
        }

        var route = new RouteSettings { Name = Routing.ModelRouter.DefaultRoute, Provider = provider.Name, Model = model, Location = location };
        return new ProvidersFile(
            "--endpoint",
            location,
            ImmutableDictionary<string, ProviderSettings>.Empty.WithComparers(StringComparer.Ordinal).Add(provider.Name, provider),
            ImmutableDictionary<string, RouteSettings>.Empty.WithComparers(StringComparer.Ordinal).Add(route.Name, route));
    }

    /// <summary>
    /// The same providers with <c>default</c> (every stage that names no model, or one the file does not map) served
    /// by <paramref name="provider"/>: <c>--provider NAME [--model ID]</c>.
    /// </summary>
    /// <exception cref="ProvidersFileException">The file lists no such provider, or no model is given or configured.</exception>
    public ProvidersFile WithDefault(string provider, string? model = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (!Providers.TryGetValue(provider, out var settings))
        {
            throw Error(Location, $"--provider names '{provider}', which the file does not list; it lists: {string.Join(", ", Providers.Keys.Order(StringComparer.Ordinal))}");
        }

        var modelId = model ?? settings.DefaultModel
            ?? throw Error(settings.Location, $"provider '{provider}' has no default_model; give --model ID or add default_model to it");
        var route = new RouteSettings { Name = Routing.ModelRouter.DefaultRoute, Provider = provider, Model = modelId, Location = settings.Location };
        return new ProvidersFile(File, Location, Providers, Models.SetItem(route.Name, route));
    }

    /// <summary>
    /// The same providers with a route named after each of <paramref name="modelIds"/> (the models a routing plan puts
    /// stages on): a copy of the file's route that asks for that model, else the <c>default</c> route's provider asked
    /// for it. So any model an endpoint serves can be planned, though the file names only some.
    /// </summary>
    /// <exception cref="ProvidersFileException">No route serves <c>default</c>, or a route is named after one of the models but asks for another.</exception>
    public ProvidersFile WithRoutesFor(IEnumerable<string> modelIds)
    {
        ArgumentNullException.ThrowIfNull(modelIds);
        RequireDefault();
        var models = Models;
        foreach (var id in modelIds.Distinct(StringComparer.Ordinal))
        {
            if (Models.TryGetValue(id, out var named))
            {
                if (named.Model != id)
                {
                    throw Error(named.Location, $"a plan runs stages on model '{id}', but the route named '{id}' asks for '{named.Model}'; rename the route");
                }

                continue;
            }

            var route = Models.Values.OrderBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(r => r.Model == id)
                ?? Models[Routing.ModelRouter.DefaultRoute] with { Model = id, Fallback = null };
            models = models.SetItem(id, route with { Name = id });
        }

        return new ProvidersFile(File, Location, Providers, models);
    }

    /// <summary>The route that serves <c>default</c>, or a problem saying how to name one.</summary>
    internal void RequireDefault()
    {
        if (!Models.ContainsKey(Routing.ModelRouter.DefaultRoute))
        {
            throw Error(Location, $"no model serves '{Routing.ModelRouter.DefaultRoute}': add models.default to the file, or choose one with --provider NAME");
        }
    }

    // Someone may have pasted a key where its variable's name belongs: the message must not repeat it.
    private static Diagnostic Describe(NJsonSchema.Validation.ValidationError error, LocatedJson document) =>
        error.Kind == NJsonSchema.Validation.ValidationErrorKind.PatternMismatch && error.Property == "api_key_env"
            ? new Diagnostic(document.LocationOf(error.Token), "'api_key_env' must name an environment variable (letters, digits, underscores), never hold the key itself; its value is not shown")
            : SchemaErrors.ToDiagnostic(error, document);

    private static ProvidersFileException Error(SourceLocation location, string message) => new([new Diagnostic(location, message)]);

    private IEnumerable<Diagnostic> ReferenceErrors(JObject root, LocatedJson document)
    {
        // In file order, so that the messages read like the file.
        foreach (var property in (root["models"] as JObject)?.Properties() ?? [])
        {
            var (name, route, entry) = (property.Name, Models[property.Name], (JObject)property.Value);
            if (!Providers.ContainsKey(route.Provider))
            {
                yield return new Diagnostic(
                    document.LocationOf(entry, "provider"),
                    $"model '{name}' names provider '{route.Provider}', which is not under providers; use one of {string.Join(", ", Providers.Keys.Order(StringComparer.Ordinal))}");
            }

            if (route.Fallback is { } fallback && (fallback == name || !Models.ContainsKey(fallback)))
            {
                yield return new Diagnostic(
                    document.LocationOf(entry, "fallback"),
                    fallback == name ? $"model '{name}' cannot be its own fallback" : $"model '{name}' falls back to '{fallback}', which is not under models");
            }
        }
    }

    // What the schema cannot say about one provider: a usable URL, a variable's name that is not a key, no key over http.
    private static IEnumerable<Diagnostic> ProviderErrors(JProperty property, LocatedJson document)
    {
        var provider = (JObject)property.Value;
        var endpointAt = document.LocationOf(provider, "endpoint");
        if (!TryEndpoint(provider.Value<string>("endpoint")!, out var endpoint))
        {
            yield return new Diagnostic(endpointAt, $"provider '{property.Name}' has an endpoint that is not a usable URL; write a base URL such as https://api.openai.com/v1");
            yield break;
        }

        if (provider.Value<string>("api_key_env") is { } variable && ProviderSafety.LooksLikeKey(variable))
        {
            yield return new Diagnostic(document.LocationOf(provider, "api_key_env"), ProviderSafety.KeyAsName("'api_key_env'"));
            yield break;
        }

        var settings = new ProviderSettings
        {
            Name = property.Name,
            Endpoint = endpoint,
            ApiKeyEnv = provider.Value<string>("api_key_env"),
            AllowInsecureHttp = provider.Value<bool?>("allow_insecure_http") ?? false,
        };
        if (ProviderSafety.InsecureKey(settings) is { } insecure)
        {
            yield return new Diagnostic(endpointAt, insecure);
        }
    }

    private static bool TryEndpoint(string text, out Uri endpoint) =>
        Uri.TryCreate(text, UriKind.Absolute, out endpoint!) && endpoint.Scheme is "http" or "https" && endpoint.Host.Length > 0;

    private static ProviderSettings MapProvider(JProperty property, LocatedJson document)
    {
        var provider = (JObject)property.Value;
        var retries = provider["retries"] as JObject;
        var breaker = provider["circuit_breaker"] as JObject;
        var defaults = new ResilienceSettings();
        return new ProviderSettings
        {
            Name = property.Name,
            Endpoint = new Uri(provider.Value<string>("endpoint")!, UriKind.Absolute),
            ApiKeyEnv = provider.Value<string>("api_key_env"),
            AllowInsecureHttp = provider.Value<bool?>("allow_insecure_http") ?? false,
            Organization = provider.Value<string>("organization"),
            DefaultModel = provider.Value<string>("default_model"),
            MaxConcurrency = provider.Value<int?>("max_concurrency"),
            FunctionCalling = provider.Value<bool?>("function_calling") ?? true,
            StructuredOutput = provider.Value<bool?>("structured_output") ?? true,
            Resilience = new ResilienceSettings
            {
                Timeout = Seconds(provider, "timeout_seconds") ?? defaults.Timeout,
                MaxAttempts = retries?.Value<int?>("max_attempts") ?? defaults.MaxAttempts,
                BaseDelay = Milliseconds(retries, "base_delay_ms") ?? defaults.BaseDelay,
                MaxDelay = Milliseconds(retries, "max_delay_ms") ?? defaults.MaxDelay,
                BreakerFailureRatio = breaker?.Value<double?>("failure_ratio") ?? defaults.BreakerFailureRatio,
                BreakerMinimumThroughput = breaker?.Value<int?>("minimum_throughput") ?? defaults.BreakerMinimumThroughput,
                SamplingDuration = Seconds(breaker, "sampling_seconds") ?? defaults.SamplingDuration,
                BreakDuration = Seconds(breaker, "break_seconds") ?? defaults.BreakDuration,
            },
            Location = document.LocationOf(property),
        };
    }

    private static RouteSettings MapRoute(JProperty property, LocatedJson document)
    {
        var route = (JObject)property.Value;
        return new RouteSettings
        {
            Name = property.Name,
            Provider = route.Value<string>("provider")!,
            Model = route.Value<string>("model")!,
            Fallback = route.Value<string>("fallback"),
            FunctionCalling = route.Value<bool?>("function_calling"),
            StructuredOutput = route.Value<bool?>("structured_output"),
            Location = document.LocationOf(property),
        };
    }

    private static TimeSpan? Seconds(JObject? owner, string name) =>
        owner?.Value<double?>(name) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static TimeSpan? Milliseconds(JObject? owner, string name) =>
        owner?.Value<long?>(name) is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
}
