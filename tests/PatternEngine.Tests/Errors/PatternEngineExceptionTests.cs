using System.Reflection;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models;
using PatternEngine.Models.Local;
using PatternEngine.Models.Providers;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Resilience;
using PatternEngine.Selection;
using PatternEngine.Testing;
using PatternEngine.Templates;

namespace PatternEngine.Tests.Errors;

public sealed class PatternEngineExceptionTests
{
    private static readonly Assembly[] Packages =
    [
        typeof(PatternRuntime).Assembly,
        typeof(GgufModel).Assembly,
        typeof(ProvidersFile).Assembly,
        typeof(BenchRunner).Assembly,
        typeof(PatternSnapshot).Assembly,
    ];

    [Fact]
    public void Every_public_exception_of_every_package_derives_from_PatternEngineException()
    {
        var exceptions = Packages.SelectMany(a => a.GetExportedTypes()).Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        Assert.True(exceptions.Count >= 15, $"only {exceptions.Count} public exceptions found");
        Assert.Empty(exceptions.Where(t => !typeof(PatternEngineException).IsAssignableFrom(t)).Select(t => t.FullName));
    }

    public static TheoryData<PatternEngineException, PatternEngineErrorKind> Kinds => new()
    {
        { new PatternFileException([new Diagnostic(new SourceLocation("p.yaml", 2, 3), "bad")]), PatternEngineErrorKind.InvalidInput },
        { new PatternInputException("missing input 'question'"), PatternEngineErrorKind.InvalidInput },
        { new EngineConfigurationException(["no route"]), PatternEngineErrorKind.InvalidInput },
        { new ModelFileException("model file not found"), PatternEngineErrorKind.InvalidInput },
        { new CassetteFileException("c.jsonl:1: not an entry"), PatternEngineErrorKind.InvalidInput },
        { new SelectionInputException("slo.yaml: bad"), PatternEngineErrorKind.InvalidInput },
        { new GoldenFileException("g.jsonl: the golden file does not exist", []), PatternEngineErrorKind.InvalidInput },
        { new ModelCallException("judge", "the provider failed"), PatternEngineErrorKind.RunFailed },
        { new ProviderCallException(ProviderFailure.ServerError, "500"), PatternEngineErrorKind.RunFailed },
        { new CassetteMissException("no answer"), PatternEngineErrorKind.RunFailed },
        { new PromptRenderException("time limit"), PatternEngineErrorKind.RunFailed },
        { new EmptyPromptException(), PatternEngineErrorKind.RunFailed },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Input_errors_and_run_failures_say_which_they_are(PatternEngineException error, PatternEngineErrorKind kind) =>
        Assert.Equal(kind, error.Kind);

    [Fact]
    public void An_error_without_places_has_no_diagnostics_and_says_what_in_its_message()
    {
        var error = new PatternInputException("missing input 'question'");

        Assert.Empty(error.Diagnostics);
        Assert.Equal("missing input 'question'", error.Message);
    }

    [Fact]
    public void A_golden_file_error_carries_its_malformed_lines_as_diagnostics()
    {
        var error = new GoldenFileException("g.jsonl holds no valid case", [new GoldenLineError("g.jsonl", 3, "not JSON") { Column = 7 }]);

        Assert.Equal("g.jsonl:3:7: not JSON", Assert.Single(error.Diagnostics).ToString());
        Assert.Equal("g.jsonl holds no valid case", error.Message);
    }

    [Fact]
    public void A_bench_input_error_is_located_at_its_case_line_without_a_column()
    {
        var error = new BenchInputException([new Diagnostic(new SourceLocation("g.jsonl", 4, 0), "case 'a': pattern 'p' has no input 'topic'")]);

        Assert.Equal("g.jsonl:4: case 'a': pattern 'p' has no input 'topic'", error.Message);
        Assert.Equal(PatternEngineErrorKind.InvalidInput, error.Kind);
    }
}
