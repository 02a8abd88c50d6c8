using PatternEngine.Bench.Estimation;
using PatternEngine.Cli.Commands;
using PatternEngine.Cli.Defaults;
using PatternEngine.Definitions;
using PatternEngine.Definitions.FieldOverrides;
using PatternEngine.Models.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Estimation;

/// <summary><c>patterns estimate PATTERN</c>: what one run is expected to spend and can spend at most, per stage, before a token is spent.</summary>
internal sealed class EstimateCommand(CliStreams streams, IAnsiConsole console) : Command<EstimateSettings>
{
    /// <summary>The model stages run on when neither the prompt nor <c>--model</c> names one: the embedded model.</summary>
    public static readonly string EmbeddedModel = Path.GetFileNameWithoutExtension(DefaultModelFile.FileName);

    public override int Execute(CommandContext context, EstimateSettings settings, CancellationToken cancellationToken)
    {
        var definition = BuiltInLibrary.Instance.Load(BuiltInLibrary.Instance.Resolve(settings.Pattern));
        if (settings.Mode is { } mode)
        {
            definition = PatternModes.Apply(definition, mode); // an unknown mode is a located error, as for run
        }

        var inputs = InputArguments.Parse(settings.Inputs);
        var estimate = Estimate(definition, inputs, settings.Database, settings.Catalog, settings.Model);
        Write(streams, console, estimate, settings.Json);
        return ExitCodes.Success;
    }

    /// <summary>The estimate <c>estimate</c> and <c>run --dry-run</c> print; it reads files only, and calls no model.</summary>
    public static SpendEstimate Estimate(
        PatternDefinition definition, IReadOnlyDictionary<string, string> inputs, string database, string? catalogFile, string? model) =>
        SpendEstimator.Estimate(definition, new EstimateOptions
        {
            Catalog = UserCatalog.Load(catalogFile),
            Database = database,
            DefaultModel = model ?? EmbeddedModel,
            Inputs = inputs,
        });

    public static void Write(CliStreams streams, IAnsiConsole console, SpendEstimate estimate, bool json)
    {
        if (json)
        {
            streams.Out.WriteLine(EstimateJson.Serialize(estimate));
        }
        else
        {
            EstimateView.Write(console, estimate);
        }
    }
}
