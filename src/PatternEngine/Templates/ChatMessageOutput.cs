using System.Net;
using System.Text;
using System.Xml;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>
/// Collects rendered text as chat messages. Everything written is content: it is HTML-encoded when the
/// messages are emitted as Semantic Kernel's chat markup, so neither template text nor input values can
/// forge a message; only <see cref="RoleMarker"/> starts one.
/// </summary>
internal sealed class ChatMessageOutput : IScriptOutput
{
    private readonly List<(string Role, StringBuilder Text)> _messages = [("user", new StringBuilder())];

    public void StartMessage(string role) => _messages.Add((role, new StringBuilder()));

    public void Write(string text, int offset, int count) => _messages[^1].Text.Append(text, offset, count);

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    /// <summary>The messages as <c>&lt;message role="..."&gt;</c> markup; messages with only white space are left out.</summary>
    public string ToChatMarkup()
    {
        var markup = new StringBuilder();
        foreach (var (role, text) in _messages)
        {
            var content = text.ToString().Trim();
            if (content.Length > 0)
            {
                markup.Append("<message role=\"").Append(role).Append("\">")
                    .Append(WebUtility.HtmlEncode(XmlSafe(content)))
                    .Append("</message>\n");
            }
        }

        return markup.ToString();
    }

    // Characters XML forbids (NUL, ESC, U+FFFE, lone surrogates) would make Semantic Kernel's parser give up and
    // send the markup as one user message; they become U+FFFD instead.
    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return safe.ToString();
    }
}
