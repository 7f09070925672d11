using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>The served clock's error against true time, and what it claimed, at one moment.</summary>
internal readonly record struct SimSample(double Time, double Error, LeapIndicator Leap, byte Stratum, double RootDispersion);
