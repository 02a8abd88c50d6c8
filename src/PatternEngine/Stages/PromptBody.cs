using PatternEngine.Compilation;

namespace PatternEngine.Stages;

/// <summary>A body that makes one prompt call.</summary>
internal sealed class PromptBody(PromptCall call) : StageBody
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => [("body", call)];

    public override async Task<BodyResult> RunAsync(StageContext context, int index, params (string Name, object? Value)[] locals)
    {
        var result = await context.CallAsync(call, index, locals).ConfigureAwait(false);
        return new BodyResult(result.Answer.Value, result);
    }
}
