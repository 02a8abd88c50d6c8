using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using PatternEngine.Definitions;
using PatternEngine.Definitions.Loading;

namespace PatternEngine.Models.Catalog;

/// <summary>
/// The models the engine knows prices for (the built-in <c>catalog/models.yaml</c>, <see cref="BuiltIn"/>, and a user's
/// own file over it: see <see cref="UserCatalog"/>), checked against <c>model-catalog.schema.json</c> on load. A model
/// it does not list, or lists without prices, has no cost: records say so, never guess.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The name the built-in catalog goes by in messages: the repository file it is built from.</summary>
    public const string BuiltInFile = "catalog/models.yaml";

    private static readonly Lazy<JsonSchema> Schema = new(() => Schemas.SchemaReader.ReadEmbedded("PatternEngine.model-catalog.schema.json", typeof(ModelCatalog).Assembly));

    private static readonly Lazy<ModelCatalog> BuiltInCatalog = new(() => Parse(SchemaErrors.ReadEmbedded("PatternEngine.models.yaml", typeof(ModelCatalog).Assembly), BuiltInFile));

    // Every measured call looks its model up; a model id is looked up once, then found in one probe.
    private readonly ConcurrentDictionary<string, CatalogModel?> _found = new(StringComparer.OrdinalIgnoreCase);

    private ModelCatalog(string pricesAsOf, ImmutableArray<CatalogModel> models)
    {
        PricesAsOf = pricesAsOf;
        Models = models;
    }

    /// <summary>A catalog that knows no model: every call is unpriced.</summary>
    public static ModelCatalog Empty { get; } = new("", []);

    /// <summary>When the prices were true.</summary>
    public string PricesAsOf { get; }

    /// <summary>The models, in file order.</summary>
    public ImmutableArray<CatalogModel> Models { get; }

    /// <summary>
    /// The catalog built into the library (<c>catalog/models.yaml</c> of the repository: the seed's price table and the
    /// embedded model's configurations); no file is read.
    /// </summary>
    public static ModelCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>Reads and checks a catalog file.</summary>
    /// <exception cref="CatalogFileException">The file is missing or invalid.</exception>
    public static ModelCatalog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFileSize.Problem(path, InputLimits.MaxYamlFileChars, "model catalog") is { } tooLarge)
        {
            throw new CatalogFileException([new Diagnostic(new SourceLocation(path, 1, 1), tooLarge)]);
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogFileException([new Diagnostic(new SourceLocation(path, 1, 1), "cannot read the model catalog: " + e.Message)]);
        }
    }

    /// <summary>Reads and checks catalog text; <paramref name="file"/> names it in diagnostics.</summary>
    /// <exception cref="CatalogFileException">The text is invalid.</exception>
    public static ModelCatalog Parse(string yaml, string file = "<catalog>")
    {
        LocatedJson document;
        try
        {
            document = YamlToJson.Read(yaml, file);
        }
        catch (PatternFileException e)
        {
            throw new CatalogFileException(e.Diagnostics);
        }

        var errors = SchemaErrors.Flatten(Schema.Value.Validate(document.Root)).Select(e => SchemaErrors.ToDiagnostic(e, document)).ToList();
        var root = document.Root as JObject;
        var models = errors.Count > 0 ? [] : ((JArray)root!["models"]!).Cast<JObject>().Select(Map).ToImmutableArray();
        errors.AddRange(models
            .Select((model, index) => (model, index))
            .Where(m => m.model.InputPerMillion is null != m.model.OutputPerMillion is null)
            .Select(m => new Diagnostic(
                document.LocationOf(root!["models"]![m.index]),
                $"model '{m.model.Id}' gives one price; give both input_per_million and output_per_million, or neither (its cost is then unknown)")));
        errors.AddRange(models
            .Select((model, index) => (model, index))
            .Where(m => m.model.BatchInputPerMillion is null != m.model.BatchOutputPerMillion is null)
            .Select(m => new Diagnostic(
                document.LocationOf(root!["models"]![m.index]),
                $"model '{m.model.Id}' gives one batch price; give both batch_input_per_million and batch_output_per_million, or neither (batched calls then cost the standard price)")));
        errors.AddRange(models
            .Select((model, index) => (model, index))
            .GroupBy(m => m.model.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => new Diagnostic(document.LocationOf(root!["models"]![g.Last().index]), $"model '{g.Key}' is listed twice; list each model once")));
        return errors.Count > 0
            ? throw new CatalogFileException(errors)
            : new ModelCatalog(root!.Value<string>("prices_as_of") ?? "", models);
    }

    /// <summary>
    /// This catalog with <paramref name="overrides"/> over it: an entry with the same id replaces this one's, the
    /// others are added after this one's models (a user's own catalog over the built-in one).
    /// </summary>
    public ModelCatalog With(ModelCatalog overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var replaced = overrides.Models.Select(m => m.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ModelCatalog(
            overrides.PricesAsOf.Length > 0 ? overrides.PricesAsOf : PricesAsOf,
            [.. Models.Where(m => !replaced.Contains(m.Id)), .. overrides.Models]);
    }

    /// <summary>
    /// The model a provider's model id names: by id or pinned version, or by the longest id it starts with
    /// (<c>gpt-4.1-mini-2025-04-14</c> is <c>gpt-4.1-mini</c>); null when the catalog does not list it.
    /// </summary>
    public CatalogModel? Find(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return null;
        }

        return _found.GetOrAdd(modelId, static (id, models) =>
            models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)
                || string.Equals(m.Version, id, StringComparison.OrdinalIgnoreCase))
            ?? models.Where(m => id.StartsWith(m.Id + "-", StringComparison.OrdinalIgnoreCase)).MaxBy(m => m.Id.Length), Models);
    }

    private static decimal? Price(JObject model, string name) =>
        model.Value<double?>(name) is { } price ? Convert.ToDecimal(price, CultureInfo.InvariantCulture) : null;

    private static CatalogModel Map(JObject model) => new()
    {
        Id = model.Value<string>("id")!,
        Version = model.Value<string>("version"),
        Provider = model.Value<string>("provider"),
        ContextWindow = model.Value<int?>("context_window"),
        InputPerMillion = Price(model, "input_per_million"),
        OutputPerMillion = Price(model, "output_per_million"),
        BatchInputPerMillion = Price(model, "batch_input_per_million"),
        BatchOutputPerMillion = Price(model, "batch_output_per_million"),
        ReasoningEfforts = model["reasoning_efforts"] is JArray efforts ? [.. efforts.Values<string>().OfType<string>()] : [],
        Capabilities = model["capabilities"] is JArray capabilities ? [.. capabilities.Values<string>().OfType<string>()] : [],
        BestFor = model.Value<string>("best_for") ?? "",
        Settings = model["settings"] is JObject settings
            ? new CallSettings
            {
                MaxOutputTokens = settings.Value<int?>("max_tokens"),
                Temperature = settings.Value<float?>("temperature"),
                TopP = settings.Value<float?>("top_p"),
            }
            : null,
    };
}
