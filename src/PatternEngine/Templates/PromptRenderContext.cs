using Scriban;
using Scriban.Parsing;

namespace PatternEngine.Templates;

/// <summary>
/// A Scriban context that writes into chat messages and turns <c>role</c> markers into new messages. Building one
/// costs about 20 KB, so each thread keeps one for its next render (Scriban's <see cref="TemplateContext.Reset"/>
/// makes a context safe to reuse on the same thread); renders on other threads build or reuse their own.
/// </summary>
internal sealed class PromptRenderContext : TemplateContext
{
    [ThreadStatic]
    private static PromptRenderContext? _spare;

    private readonly ChatMessageOutput _output = new();

    private PromptRenderContext()
        : base(SharedBuiltins.Instance)
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = 10_000;
        RecursiveLimit = 50;
        RegexTimeOut = TimeSpan.FromSeconds(1);
        PushOutput(_output);
    }

    /// <summary>This thread's spare context, or a new one; it is this render's alone until <see cref="Return"/>.</summary>
    public static PromptRenderContext Rent(CancellationToken cancellationToken)
    {
        var context = _spare ?? new PromptRenderContext();
        _spare = null;
        context.CancellationToken = cancellationToken;
        return context;
    }

    /// <summary>Clears what the render left (its globals, its messages) and keeps the context as this thread's spare.</summary>
    public void Return()
    {
        Reset();
        _output.Clear();
        PushOutput(_output);
        CancellationToken = CancellationToken.None;
        _spare = this;
    }

    /// <inheritdoc cref="ChatMessageOutput.ToPrompt"/>
    public string ToPrompt() => _output.ToPrompt();

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
