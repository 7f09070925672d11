namespace Meridian.Core.Sync;

/// <summary>A source offered to selection: its offset, root distance (lambda), jitter and stratum.</summary>
public readonly record struct SelectionCandidate(int Id, double Offset, double RootDistance, double Jitter, int Stratum, bool Prefer);
