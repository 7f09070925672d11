namespace Meridian.Core.RateLimiting;

/// <summary>
/// What the client table knows of the sender of one request, for the global budget: whether it
/// polls regularly (see <see cref="ClientTable.PollsRegularly"/>) and how long the table has known
/// it. <see cref="Unknown"/> for a client the table has no useful record of.
/// </summary>
public readonly record struct ClientStanding(bool PollsRegularly, uint KnownForTicks)
{
    public static ClientStanding Unknown => default;

    public double KnownForSeconds => KnownForTicks / (double)ClientTable.TicksPerSecond;
}
