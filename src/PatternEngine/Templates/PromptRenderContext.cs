using Scriban;
using Scriban.Parsing;

namespace PatternEngine.Templates;

/// <summary>A Scriban context that writes into chat messages and turns <c>role</c> markers into new messages.</summary>
internal sealed class PromptRenderContext : TemplateContext
{
    private readonly ChatMessageOutput _output = new();

    public PromptRenderContext()
        : base(SharedBuiltins.Instance)
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = 10_000;
        RecursiveLimit = 50;
        RegexTimeOut = TimeSpan.FromSeconds(1);
        PushOutput(_output);
    }

    public string ToChatMarkup() => _output.ToChatMarkup();

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
