using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Scoring;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Selection;

namespace PatternEngine.Bench.Judging;

/// <summary>
/// The judge of a bench's <c>scorer: judge</c> cases: a one-stage pattern, <see cref="PatternName"/>, that sends the
/// <see cref="JudgeRubric"/> (question, reference, answer) to a model on any route of a runtime and reads its JSON
/// verdict. Its calls go through the runtime's call chain, so they are measured like the pattern's own, and are
/// reported apart from them (<see cref="JudgeVerdict"/>, <see cref="JudgeFigures"/>). Give it to a bench through
/// <see cref="BenchOptions.Judge"/>.
/// </summary>
public sealed class BenchJudge
{
    /// <summary>The judge pattern's name: the <c>pattern</c> of its call and run lines in a bench's log.</summary>
    public const string PatternName = "bench-judge";

    // The rubric replaces the template; the definition is checked and compiled like any pattern's.
    private const string Definition = """
        name: bench-judge
        version: 1.0.0
        description: Grades a bench answer against a golden case's reference.
        inputs:
          question:
            type: string
          reference:
            type: string
          answer:
            type: string
        stages:
          - id: verdict
            kind: prompt
            template: "{{ answer }}"
            max_tokens: 200
        output: verdict
        """;

    private readonly CompiledPattern _pattern;

    private BenchJudge(CompiledPattern pattern, string model, JudgeRubric rubric)
    {
        _pattern = pattern;
        Model = model;
        Rubric = rubric;
    }

    /// <summary>The model (route name) the judge asks.</summary>
    public string Model { get; }

    /// <summary>The rubric it grades with.</summary>
    public JudgeRubric Rubric { get; }

    /// <summary>A judge that asks <paramref name="model"/>, a route (or catalog model) of <paramref name="runtime"/>, with <paramref name="rubric"/>.</summary>
    /// <param name="runtime">The engine whose call chain (routing, measurement, cassette, log) the judge's calls go through.</param>
    /// <param name="model">The route the judge's prompt is sent to, as a stage's <c>model:</c> names one.</param>
    /// <param name="rubric">The prompt; <see cref="JudgeRubric.Default"/> when null.</param>
    /// <exception cref="PatternFileException">The rubric does not compile as the judge's prompt.</exception>
    public static BenchJudge Create(PatternRuntime runtime, string model, JudgeRubric? rubric = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        rubric ??= JudgeRubric.Default;
        var definition = PatternFile.Parse(Definition, rubric.Source);
        definition = definition with
        {
            Stages = [.. definition.Stages.Select(s => StagePrompts.Map(s, p => p with { Template = rubric.Template }))],
        };
        return new BenchJudge(runtime.Compile(StageModels.WithModel(definition, model)), model, rubric);
    }

    /// <summary>
    /// Throws when <paramref name="golden"/> has judge cases and there is no judge to score them: they would all go
    /// unscored, which a bench says before it spends a token.
    /// </summary>
    /// <exception cref="BenchInputException">The first judge case, at its line, with the number of the others.</exception>
    public static void RequireFor(GoldenSet golden, BenchJudge? judge)
    {
        ArgumentNullException.ThrowIfNull(golden);
        if (judge is not null)
        {
            return;
        }

        var judged = golden.Cases.Where(c => c.Scorer == ScorerNames.Judge).ToList();
        if (judged.Count > 0)
        {
            // One line for all of them: each case would say the same.
            var others = judged.Count == 1 ? "" : $" (and {judged.Count - 1} more judge-scored cases)";
            throw new BenchInputException([new Diagnostic(
                new SourceLocation(golden.File, judged[0].Line, Column: 0),
                $"case '{judged[0].Id}'{others} is scored by a judge model, and the bench has none: give bench --judge-model ID (C#: BenchOptions.Judge)")]);
        }
    }

    /// <summary>Asks the judge whether <paramref name="answer"/> is right for <paramref name="goldenCase"/>; never throws for the judge's failures.</summary>
    internal async Task<JudgeVerdict> JudgeAsync(GoldenCase goldenCase, string answer, RunOptions options, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question"] = QuestionOf(goldenCase),
            ["reference"] = goldenCase.Reference ?? "",
            ["answer"] = answer,
        };
        try
        {
            var record = await _pattern.RunAsync(inputs, options, cancellationToken).ConfigureAwait(false);
            return JudgeVerdictReader.Read(record.Output.ToString()) with { Usage = record.Totals };
        }
        catch (PatternRunException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new JudgeVerdict { Unscored = "the judge's run failed: " + e.Message, Usage = e.Partial.Totals };
        }
        catch (PatternEngineException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new JudgeVerdict { Unscored = "the judge could not be asked: " + e.Message };
        }
    }

    // A case's question is its input 'question'; a case without one shows the judge every input.
    private static string QuestionOf(GoldenCase goldenCase) =>
        goldenCase.Inputs.TryGetValue("question", out var question)
            ? question
            : string.Join('\n', goldenCase.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}: {i.Value}"));
}
