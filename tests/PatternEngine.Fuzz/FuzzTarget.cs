using Microsoft.SemanticKernel;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Scoring;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Fuzz.Mutations;
using PatternEngine.Library;
using PatternEngine.Models.Providers;
using PatternEngine.Models.Recording;
using PatternEngine.Testing;

namespace PatternEngine.Fuzz;

/// <summary>
/// Feeds one input to the loader of its kind, the way the CLI does, and past it: a valid pattern is compiled and run on
/// <see cref="FuzzModel"/>, every case of a valid golden file is scored against hostile answers, valid providers are
/// routed, a valid cassette is replayed through its built-in pattern. Only the documented, located exceptions count
/// as a refusal; any other exception, and a run that fails on what the model answered, is a crash.
/// </summary>
internal sealed class FuzzTarget(FuzzCorpus corpus, string workDirectory)
{
    private const string Question = "What is the capital of France?";

    private readonly PatternLibrary _library = new(Path.Combine(corpus.Root, "patterns"));

    private IReadOnlyList<KernelPlugin> Tools => field ??= _library.Tools();

    private PatternLoadOptions Library => field ??= new PatternLoadOptions { Library = _library };

    public async Task<(FuzzResult Result, string? Detail)> RunAsync(FuzzInput input)
    {
        try
        {
            switch (input.Kind)
            {
                case FuzzKind.Pattern:
                    await RunPatternAsync(input);
                    break;
                case FuzzKind.Golden:
                    ScoreGolden(input);
                    break;
                case FuzzKind.Providers:
                    RouteProviders(input);
                    break;
                default:
                    await ReplayCassetteAsync(input);
                    break;
            }

            return (FuzzResult.Accepted, null);
        }
        catch (Exception e) when (IsDocumented(input.Kind, e))
        {
            return (FuzzResult.Refused, e.Message.Split('\n')[0]);
        }
#pragma warning disable CA1031 // Anything else that escapes is what the fuzzer looks for.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (FuzzResult.Crashed, Describe(e));
        }
    }

    private static bool IsDocumented(FuzzKind kind, Exception error) => (kind, error) switch
    {
        (FuzzKind.Pattern, PatternFileException or PatternInputException) => true,
        (FuzzKind.Golden, GoldenFileException) => true,
        (FuzzKind.Providers, ProvidersFileException) => true,
        (FuzzKind.Cassette, CassetteFileException) => true,
        (FuzzKind.Cassette, PatternRunException run) => RootCause(run) is CassetteMissException,
        _ => false,
    };

    // A miss in an included pattern's stage fails that pattern's run, which fails the including stage's.
    private static Exception? RootCause(PatternRunException run) =>
        run.InnerException is PatternRunException inner ? RootCause(inner) : run.InnerException;

    private async Task RunPatternAsync(FuzzInput input)
    {
        var definition = PatternFile.Parse(input.Text, input.FileName, Library);
        using var engine = new PatternEngineBuilder().UseChatClient(new FuzzModel(input.Index)).AddPlugins(Tools).WithPatternLibrary(_library).Build();
        var compiled = engine.Compile(definition);
        var record = await compiled.RunAsync(definition.Inputs.ToDictionary(i => i.Name, i => InputValue(i.Type), StringComparer.Ordinal));
        _ = RunRecordJson.Serialize(record);
    }

    private static string InputValue(InputType type) => type switch
    {
        InputType.Number => "42",
        InputType.Boolean => "true",
        InputType.List => "[\"a cat\", \"a dog\", \"\"]",
        _ => "What is 12 + 30?",
    };

    private static void ScoreGolden(FuzzInput input)
    {
        var golden = GoldenFile.Parse(input.Text, input.FileName);
        foreach (var goldenCase in golden.Cases.Take(20))
        {
            foreach (var answer in HostileValues.Answers)
            {
                _ = AnswerScorer.Score(goldenCase, answer);
            }
        }
    }

    private static void RouteProviders(FuzzInput input)
    {
        var file = ProvidersFile.Parse(input.Text, input.FileName);
        using var engine = new PatternEngineBuilder()
            .AddProviders(file.Models.ContainsKey("default") ? file : file.WithDefault(file.Providers.Keys.First(), "m"), _ => "fuzz-key")
            .Build();
    }

    private async Task ReplayCassetteAsync(FuzzInput input)
    {
        var path = Path.Combine(workDirectory, input.FileName);
        await File.WriteAllTextAsync(path, input.Text);
        try
        {
            var pattern = PatternFile.Parse(corpus.Patterns.Single(p => p.Name == input.Origin).Text, input.Origin + ".yaml", Library);
            var inputs = new Dictionary<string, string> { ["question"] = Question };
            var record = await PatternSnapshot.ReplayAsync(pattern, inputs, path, new PatternSnapshotOptions { Plugins = Tools });
            _ = RunRecordJson.Serialize(record);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Describe(Exception error)
    {
        var frames = (error.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries).Take(6);
        return $"{error.GetType().FullName}: {error.Message} | {string.Join(" | ", frames)}" + (error.InnerException is { } inner ? $" || inner {inner.GetType().FullName}: {inner.Message}" : "");
    }
}
