namespace SmtpGen.Server;

/// <summary>
/// Tells, from the server's session counts read at a regular tick, when a lull begins: no session at the last tick, none
/// now and none started in between (so none all the time between the two ticks), after sessions came since the lull
/// before. Each lull is told once, and a server no client has reached yet has none.
/// </summary>
internal sealed class SessionLull
{
    private long _startedAtLastTick;
    private int _activeAtLastTick;
    private long _startedAtLastLull;

    /// <summary>Takes the counts of this tick; true when they begin a lull.</summary>
    /// <param name="started">The sessions started since the server started.</param>
    /// <param name="active">The sessions being served now.</param>
    public bool Begins(long started, int active)
    {
        bool quietSinceLastTick = active == 0 && _activeAtLastTick == 0 && started == _startedAtLastTick;
        _startedAtLastTick = started;
        _activeAtLastTick = active;
        if (!quietSinceLastTick || started == _startedAtLastLull)
        {
            return false;
        }

        _startedAtLastLull = started;
        return true;
    }
}
