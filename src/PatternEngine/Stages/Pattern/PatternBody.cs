using PatternEngine.Compilation;

namespace PatternEngine.Stages.Pattern;

/// <summary>A body that runs an included pattern, once per sample or item.</summary>
internal sealed class PatternBody(IncludedPattern pattern) : StageBody
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [];

    public override IncludedPattern Included => pattern;

    public override async Task<BodyResult> RunAsync(StageContext context, int index, params (string Name, object? Value)[] locals) =>
        new BodyResult(await pattern.RunAsync(context, index, locals).ConfigureAwait(false), null);
}
