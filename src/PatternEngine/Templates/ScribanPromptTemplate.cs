using Microsoft.SemanticKernel;
using Scriban;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>A parsed Scriban template that renders Kernel arguments into the prompt Semantic Kernel sends.</summary>
internal sealed class ScribanPromptTemplate(Template template) : IPromptTemplate
{
    // Made once: importing a delegate builds its reflection wrapper on every call. It holds no state, so every
    // render may share it, like the shared built-ins.
    private static readonly IScriptCustomFunction RoleFunction = DynamicCustomFunction.Create(RoleMarker.Create);

    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var context = PromptRenderContext.Rent(cancellationToken);
        context.PushGlobal(ToScriptObject(arguments));
        template.Render(context);
        var prompt = context.ToPrompt();

        // Only a render that finished gives its context back; one that threw may have left it half-way.
        context.Return();
        return prompt.Length == 0 ? throw new EmptyPromptException() : Task.FromResult(prompt);
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

        globals.SetValue("role", RoleFunction, readOnly: true);
        return globals;
    }
}
