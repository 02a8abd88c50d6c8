using System.Text.RegularExpressions;

namespace PatternEngine.Guards;

/// <summary>
/// The built-in <c>prompt-injection</c> rule set: what hostile input looks like in four families (role markup, "ignore
/// previous instructions" and its paraphrases, template code, data exfiltration). Every repeat is bounded, matching
/// never backtracks, and each expression keeps the local rules' one-second limit. They are
/// written against <c>golden/prompt-injection.jsonl</c>, whose benign cases mention the same words without the intent.
/// </summary>
internal static class PromptInjectionRules
{
    public const string SetName = "prompt-injection";

    // Non-backtracking: matching takes time linear in the text whatever it holds, so a long hostile text is read in
    // full rather than timing out (the limit stays as the engine's bound on any expression).
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    // Chat-template tokens (ChatML, Llama, Zephyr), system/assistant tags, markdown role headers, a fake turn at the
    // start of a line, and a JSON chat message claiming a privileged role.
    private static readonly Regex RoleMarkup = new(
        @"<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext)\|>|\[/?INST\]|<</?SYS>>|</?(?:system|assistant|user)>"
        + @"|^[ \t]{0,8}#{1,6}[ \t]{0,4}(?:system|assistant|instructions?)[ \t]{0,4}:|^[ \t]{0,8}(?:system|assistant)[ \t]{0,4}:"
        + @"|""role""\s{0,4}:\s{0,4}""(?:system|assistant)""",
        Options,
        Limit);

    // An order to drop the instructions in force, said several ways, and the usual persona switches.
    private static readonly Regex IgnoreInstructions = new(
        @"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:instructions?|prompts?|rules|guidelines|directives|policies|restrictions)\b"
        + @"|\b(?:ignore|disregard|forget)\s{1,4}(?:(?:all|everything|anything)\s{1,4})?(?:(?:of\s{1,4})?the\s{1,4})?(?:above|previous|prior|preceding|earlier)\b"
        + @"|\b(?:new|updated)\s{1,4}instructions\s{0,4}:"
        + @"|\bfrom\s{1,4}now\s{1,4}on\b[^.\n]{0,20}?\byou\s{1,4}(?:are|will|must|answer|respond|reply|only)\b"
        + @"|\byou\s{1,4}are\s{1,4}(?:now\s{1,4}(?:a|an|in|DAN)\b|no\s{1,4}longer\s{1,4}(?:bound|restricted|an?\s{1,4}assistant)\b)"
        + @"|\b(?:do\s{1,4}anything\s{1,4}now|developer\s{1,4}mode|jailbr(?:eak|oken))\b"
        + @"|\bpretend\s{1,4}(?:that\s{1,4})?(?:you\s{1,4})?(?:have|had|are)\s{1,4}no\s{1,4}(?:restrictions|rules|limits|filters|guidelines)\b"
        + @"|\bdo\s{1,4}not\s{1,4}(?:follow|obey)\s{1,4}(?:the|your)\s{1,4}(?:system|previous|original|earlier)\b"
        + @"|\bno\s{1,4}longer\s{1,4}appl(?:y|ies)\b",
        Options,
        Limit);

    // Jinja/Scriban/Liquid expressions and statements, and Python's dunder attributes that template injection climbs.
    private static readonly Regex TemplateCode = new(
        @"\{\{[^\n]{0,200}?\}\}|\{%[^\n]{0,200}?%\}|__(?:class|mro|subclasses|globals|builtins|import|init)__",
        Options,
        Limit);

    // Asking for the system prompt or secrets, and sending data out: to a URL, to an e-mail address, or through a
    // markdown image whose URL the client fetches.
    private static readonly Regex Exfiltration = new(
        @"\b(?:reveal|print|show|repeat|output|display|dump|leak|tell\s{1,4}me|give\s{1,4}me)\b[^.\n]{0,40}?\b(?:system\s{1,4}(?:prompt|message)|(?:hidden|initial|original|secret|previous|internal)\s{1,4}(?:instructions|prompt|rules))"
        + @"|\binstructions\s{1,4}you\s{1,4}(?:were|have\s{1,4}been)\s{1,4}given\b"
        + @"|\brepeat\s{1,4}(?:all\s{1,4})?(?:of\s{1,4})?(?:the\s{1,4})?(?:text|words|everything|message)\s{1,4}above\b"
        + @"|\b(?:print|reveal|show|send|give|output|list|leak|dump|tell\s{1,4}me)\b[^.\n]{0,40}?\b(?:api[\s_-]{0,2}keys?|passwords?|credentials|environment\s{1,4}variables|access\s{1,4}tokens?)\b"
        + @"|\b(?:send|post|upload|forward|transmit|append|exfiltrate|email|mail)\b[^\n]{0,80}?(?:https?://[^\s)]{0,150}|\bto\s{1,4}[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{0,60})"
        + @"|!\[[^\]\n]{0,100}\]\(\s{0,4}https?://[^\s)]{0,150}\)?",
        Options,
        Limit);

    /// <summary>The rules, each named <c>prompt-injection/family</c>.</summary>
    public static IReadOnlyList<(string Name, Regex Regex)> All { get; } =
    [
        (SetName + "/role-markup", RoleMarkup),
        (SetName + "/ignore-instructions", IgnoreInstructions),
        (SetName + "/template-code", TemplateCode),
        (SetName + "/exfiltration", Exfiltration),
    ];
}
