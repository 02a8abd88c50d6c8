namespace PatternEngine.Templates;

/// <summary>
/// What the template function <c>role "system"</c> returns: it starts a new chat message. Only template code can
/// produce one; an input value is text and can never open a message.
/// </summary>
internal sealed record RoleMarker(string Role)
{
    public static readonly IReadOnlySet<string> KnownRoles = new HashSet<string>(StringComparer.Ordinal) { "system", "user", "assistant" };

    public static RoleMarker Create(string role) => KnownRoles.Contains(role)
        ? new RoleMarker(role)
        : throw new ArgumentException($"unknown chat role '{role}'; use system, user or assistant");
}
