namespace Meridian.Core.Nts;

/// <summary>The result of <see cref="NtsKeResponder.Respond"/>: the response's length and what it said.</summary>
public readonly record struct NtsKeReply(int Length, NtsKeOutcome Outcome, NtsKeRequestProblem Problem, NtsAead? Aead, int Cookies);
