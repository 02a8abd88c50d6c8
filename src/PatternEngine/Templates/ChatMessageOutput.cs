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

    /// <summary>How many characters were written, in all messages.</summary>
    public int Length { get; private set; }

    public void Write(string text, int offset, int count)
    {
        _messages[^1].Text.Append(text, offset, count);
        Length += count;
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    /// <summary>Forgets every message, for the next render.</summary>
    public void Clear()
    {
        _messages.RemoveRange(1, _messages.Count - 1);
        _messages[0].Text.Clear();
        Length = 0;
    }

    /// <summary>
    /// The prompt for Semantic Kernel: the messages as <c>&lt;message role="..."&gt;</c> markup (messages with only
    /// white space left out), or, when that is one user message without a <c>&lt;</c>, its plain text.
    /// </summary>
    /// <remarks>
    /// Semantic Kernel sends plain text as one user message, which is what the markup would have parsed to, and
    /// skips its XML parse (about 15 KB and a third of the engine's own time per call). Text with a <c>&lt;</c>
    /// could be taken for markup, so it is always encoded.
    /// </remarks>
    public string ToPrompt()
    {
        var messages = new List<(string Role, string Content)>(_messages.Count);
        foreach (var (role, text) in _messages)
        {
            var content = text.ToString().Trim();
            if (content.Length > 0)
            {
                messages.Add((role, XmlSafe(content)));
            }
        }

        if (messages is [("user", var plain)] && !plain.Contains('<', StringComparison.Ordinal))
        {
            return plain;
        }

        var markup = new StringBuilder();
        foreach (var (role, content) in messages)
        {
            markup.Append("<message role=\"").Append(role).Append("\">")
                .Append(WebUtility.HtmlEncode(content))
                .Append("</message>\n");
        }

        return markup.ToString();
    }

    // Characters XML forbids (NUL, ESC, U+FFFE, lone surrogates) would make Semantic Kernel's parser give up and
    // send the markup as one user message; they become U+FFFD instead (in plain text too, so that the model sees
    // the same text either way).
    private static string XmlSafe(string text)
    {
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe?.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                safe?.Append(text[i]);
            }
            else
            {
                safe ??= new StringBuilder(text.Length).Append(text, 0, i);
                safe.Append('\uFFFD');
            }
        }

        return safe?.ToString() ?? text;
    }
}
