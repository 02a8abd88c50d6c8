using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Recording;

/// <summary>Adds a cassette to a chat client pipeline.</summary>
internal static class CassetteExtensions
{
    /// <summary>Answers from and records into <paramref name="cassette"/>; put it inside the measurement and outside the token counting.</summary>
    public static ChatClientBuilder UseCassette(this ChatClientBuilder builder, Cassette cassette, CassetteMode mode, TimeProvider time) =>
        builder.Use(inner => new CassetteChatClient(inner, cassette, mode, time));
}
