using System.Diagnostics.CodeAnalysis;
using Scriban;
using Scriban.Parsing;

namespace PatternEngine.Templates;

/// <summary>
/// A Scriban context that writes into chat messages and turns <c>role</c> markers into new messages. Building one
/// costs about 20 KB, so each thread keeps one for its next render (Scriban's <see cref="TemplateContext.Reset"/>
/// makes a context safe to reuse on the same thread); renders on other threads build or reuse their own.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A thread's spare context lives as long as its thread; one a render abandons disposes its deadline.")]
internal sealed class PromptRenderContext : TemplateContext
{
    [ThreadStatic]
    private static PromptRenderContext? _spare;

    private readonly ChatMessageOutput _output = new();
    private readonly EvaluationDeadline _deadline = new();
    private CancellationToken _caller;

    private PromptRenderContext()
        : base(SharedBuiltins.Instance)
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = InputLimits.TemplateLoopLimit;
        RecursiveLimit = InputLimits.TemplateRecursionLimit;
        RegexTimeOut = InputLimits.RegexTimeout;

        // One more character than a prompt may have: Scriban stops writing there (with "..."), and the render is refused.
        LimitToString = InputLimits.MaxPromptChars + 1;
        PushOutput(_output);
    }

    /// <summary>This thread's spare context, or a new one; it is this render's alone until <see cref="Return"/>.</summary>
    public static PromptRenderContext Rent(CancellationToken cancellationToken)
    {
        var context = _spare ?? new PromptRenderContext();
        _spare = null;
        context._caller = cancellationToken;
        context.CancellationToken = context._deadline.Start(cancellationToken);
        return context;
    }

    /// <summary>Clears what the render left (its globals, its messages) and keeps the context as this thread's spare.</summary>
    public void Return()
    {
        _deadline.Stop();
        Reset();
        _output.Clear();
        PushOutput(_output);
        CancellationToken = CancellationToken.None;
        _spare = this;
    }

    /// <summary>Ends a render that threw: its context, which may be half-way through, is not kept.</summary>
    public PromptRenderException Abandon(Exception error)
    {
        _deadline.Dispose();
        return new PromptRenderException($"the template could not be rendered: {TemplateFailure.Describe(error, _caller)}", error);
    }

    /// <summary>The prompt, or null when it is longer than <see cref="InputLimits.MaxPromptChars"/>.</summary>
    /// <remarks><inheritdoc cref="ChatMessageOutput.ToPrompt" path="/remarks"/></remarks>
    public string? ToPrompt() => _output.Length > InputLimits.MaxPromptChars ? null : _output.ToPrompt();

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is RoleMarker marker)
        {
            _output.StartMessage(marker.Role);
            return this;
        }

        return base.Write(span, textAsObject);
    }
}
