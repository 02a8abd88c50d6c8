using Scriban.Syntax;

namespace PatternEngine.Templates;

/// <summary>
/// What a Scriban evaluation that threw means: the caller's cancellation is rethrown as such; anything else (the time
/// limit, a loop or recursion limit, a runtime error of the template) is described in one sentence.
/// </summary>
internal static class TemplateFailure
{
    /// <summary>Why the evaluation failed, to report; throws <see cref="OperationCanceledException"/> when the caller cancelled.</summary>
    public static string Describe(Exception error, CancellationToken caller)
    {
        caller.ThrowIfCancellationRequested();
        return error switch
        {
            ScriptAbortException => $"it ran longer than {InputLimits.EvaluationTimeout.TotalSeconds:0.#} s",
            InsufficientExecutionStackException => "it nests calls too deep",
            ScriptRuntimeException script => script.OriginalMessage,
            _ => error.Message,
        };
    }
}
