using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;
using Scriban;

namespace PatternEngine.Templates;

/// <summary>
/// A Semantic Kernel prompt template factory for Scriban templates (template format <c>scriban</c>).
/// Templates are parsed once, here, and rendered many times. Argument values are data: whatever they
/// contain (<c>{{ }}</c>, Scriban code, chat-role markup) is rendered as text. A template starts a new chat
/// message with <c>{{ role "system" }}</c> (or <c>"user"</c>, <c>"assistant"</c>); text before any role is the user's.
/// </summary>
public sealed class ScribanPromptTemplateFactory : IPromptTemplateFactory
{
    /// <summary>The template format this factory handles.</summary>
    public const string TemplateFormat = "scriban";

    /// <inheritdoc />
    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        ArgumentNullException.ThrowIfNull(templateConfig);
        if (!string.Equals(templateConfig.TemplateFormat, TemplateFormat, StringComparison.OrdinalIgnoreCase))
        {
            result = null;
            return false;
        }

        var template = Template.Parse(templateConfig.Template, templateConfig.Name);
        if (template.HasErrors)
        {
            throw new ArgumentException(
                $"the Scriban template '{templateConfig.Name}' does not parse: {string.Join("; ", template.Messages)}",
                nameof(templateConfig));
        }

        result = new ScribanPromptTemplate(template);
        return true;
    }
}
