using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Recording;

/// <summary>Adds a cassette to a chat client pipeline.</summary>
public static class CassetteExtensions
{
    /// <summary>
    /// Answers from and records into <paramref name="cassette"/> (<see cref="CassetteChatClient"/>); put it inside the
    /// measurement and outside the token counting, with a <c>ModelRouter</c> inside it.
    /// </summary>
    public static ChatClientBuilder UseCassette(this ChatClientBuilder builder, Cassette cassette, CassetteMode mode = CassetteMode.Cache, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cassette);
        return builder.Use(inner => new CassetteChatClient(inner, cassette, mode, time));
    }
}
