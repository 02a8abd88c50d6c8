using Microsoft.SemanticKernel;
using Scriban;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>A parsed Scriban template that renders Kernel arguments into Semantic Kernel chat markup.</summary>
internal sealed class ScribanPromptTemplate(Template template) : IPromptTemplate
{
    private static readonly Func<string, RoleMarker> RoleFunction = RoleMarker.Create;

    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var context = new PromptRenderContext { CancellationToken = cancellationToken };
        context.PushGlobal(ToScriptObject(arguments));
        template.Render(context);
        var markup = context.ToChatMarkup();
        return markup.Length == 0 ? throw new EmptyPromptException() : Task.FromResult(markup);
    }

    // One fresh scope per render: arguments are read-only, what the template assigns lives and dies with the
    // render, and role is set last so that no argument can hide it.
    private static ScriptObject ToScriptObject(KernelArguments? arguments)
    {
        var globals = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? [])
        {
            globals.SetValue(name, ScriptValues.From(value), readOnly: true);
        }

        globals.Import("role", RoleFunction);
        globals.SetReadOnly("role", true);
        return globals;
    }
}
