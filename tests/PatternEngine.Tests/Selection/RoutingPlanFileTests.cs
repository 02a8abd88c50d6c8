using PatternEngine.Selection;

namespace PatternEngine.Tests.Selection;

public sealed class RoutingPlanFileTests
{
    internal static RoutingPlan Plan(string model = "stories260K-short") => new()
    {
        Pattern = "self-consistency",
        PatternHash = "abc123",
        Mode = RoutingMode.Fast,
        Slo = new Slo { MaxLatencyP95Ms = 2000, MaxCostUsd = 0.002 },
        Version = 3,
        CreatedAt = new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero),
        Stages =
        [
            new PlannedStage { Stage = "samples", Model = model, Version = "stories260K.gguf", Rationale = "it is the cheapest: $0, p95 30 ms" },
            new PlannedStage { Stage = "vote", Rationale = "aggregates earlier stages; calls no model" },
        ],
    };

    [Fact]
    public void Write_then_parse_gives_the_same_plan()
    {
        var plan = Plan() with { RestoredFrom = 1 };

        var read = RoutingPlanFile.Parse(RoutingPlanFile.Write(plan));

        Assert.Equal<PlannedStage>(plan.Stages, read.Stages);
        Assert.Equal((plan.Pattern, plan.PatternHash, plan.Mode, plan.Slo, plan.Version, plan.CreatedAt, plan.RestoredFrom),
            (read.Pattern, read.PatternHash, read.Mode, read.Slo, read.Version, read.CreatedAt, read.RestoredFrom));
        Assert.Equal(new Dictionary<string, string> { ["samples"] = "stories260K-short" }, read.ModelsByStage);
    }

    [Fact]
    public void The_pattern_mode_a_plan_serves_is_written_and_read_back_and_absent_when_it_serves_none()
    {
        var yaml = RoutingPlanFile.Write(Plan() with { PatternMode = "fast" });

        Assert.Contains("\npattern_mode: fast\n", yaml, StringComparison.Ordinal);
        Assert.Equal("fast", RoutingPlanFile.Parse(yaml).PatternMode);
        Assert.DoesNotContain("pattern_mode", RoutingPlanFile.Write(Plan()), StringComparison.Ordinal);
        Assert.Null(RoutingPlanFile.Parse(RoutingPlanFile.Write(Plan())).PatternMode);
    }

    [Fact]
    public void A_plan_chosen_for_a_mode_records_the_patterns_mode_of_that_name()
    {
        var library = new PatternEngine.Library.PatternLibrary(System.IO.Path.Combine(Support.Patterns.RepositoryRoot(), "patterns"));
        var definition = PatternEngine.Definitions.FieldOverrides.PatternModes.ApplyIfDeclared(library.Load(library.Resolve("self-consistency")), "thorough");
        var choices = Plan().Stages.Select(s => new StageChoice { Stage = s.Stage, CallsModel = false, Rationale = s.Rationale }).ToList();

        var plan = PatternSelection.Plan(definition, "abc", PatternEngine.Models.Catalog.ModelCatalog.Empty, choices, Plan().Slo, RoutingMode.Thorough);

        Assert.Equal("thorough", plan.PatternMode);
    }

    [Fact]
    public void Parse_names_the_line_of_a_bad_mode()
    {
        var yaml = RoutingPlanFile.Write(Plan()).Replace("mode: fast", "mode: quick", StringComparison.Ordinal);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.StartsWith("mode:", StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<SelectionInputException>(() => RoutingPlanFile.Parse(yaml, "p.plan.yaml"));

        Assert.StartsWith($"p.plan.yaml:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("mode is fast, standard or thorough, not 'quick'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_says_what_is_missing()
    {
        var error = Assert.Throws<SelectionInputException>(() => RoutingPlanFile.Parse("pattern: x\nmode: fast\nstages: []\n", "p.plan.yaml"));

        Assert.Equal("p.plan.yaml:1:1: 'pattern_hash' is missing", error.Message);
    }
}
