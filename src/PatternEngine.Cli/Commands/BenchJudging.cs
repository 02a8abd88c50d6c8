using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Judging;

namespace PatternEngine.Cli.Commands;

/// <summary>The bench's judge, as <c>--judge-model</c> and <c>--judge-rubric</c> ask: checked before the model loads, made once it has.</summary>
internal static class BenchJudging
{
    /// <summary>The rubric to judge with (null for the default), after checking that judge cases have a judge.</summary>
    /// <exception cref="Bench.BenchInputException">The golden file has judge cases and no --judge-model was given.</exception>
    /// <exception cref="Definitions.PatternFileException">The rubric file cannot be read or does not parse.</exception>
    public static JudgeRubric? Rubric(BenchCommand.Settings settings, GoldenSet golden)
    {
        if (settings.JudgeModel is null)
        {
            BenchJudge.RequireFor(golden, judge: null);
            return null;
        }

        return settings.JudgeRubric is { } file ? JudgeRubric.Load(file) : null;
    }

    /// <summary>The judge on the engine's route for --judge-model; on the embedded model it must be a local catalog entry.</summary>
    public static BenchJudge? Judge(BenchCommand.Settings settings, Engine engine, JudgeRubric? rubric)
    {
        if (settings.JudgeModel is not { } model)
        {
            return null;
        }

        if (!settings.UsesProviders && !engine.Catalog.Models.Any(m => m.IsLocal && m.Id == model))
        {
            throw new Selection.SelectionInputException(
                $"--judge-model '{model}' is not a local entry of the model catalog; without --endpoint or --provider it names a configuration of the embedded model: "
                + string.Join(", ", engine.Catalog.Models.Where(m => m.IsLocal).Select(m => m.Id)));
        }

        return BenchJudge.Create(engine.Runtime, model, rubric);
    }
}
