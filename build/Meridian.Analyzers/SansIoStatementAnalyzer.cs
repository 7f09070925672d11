using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Meridian.Analyzers;

/// <summary>
/// The sans-IO core's rules that are statements, not symbols: a <c>lock</c> statement compiles to
/// Monitor calls the banned-symbol list never sees, and an <c>extern</c> method is a native call
/// whatever attribute declares it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SansIoStatementAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor NoLock = new(
        "MER0001",
        "No locks in the core",
        "A lock statement in the sans-IO core: one writer per piece of state, publish snapshots instead",
        "SansIo",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoExtern = new(
        "MER0002",
        "No native calls in the core",
        "The extern method '{0}' in the sans-IO core: Meridian.Net owns the system calls",
        "SansIo",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(NoLock, NoExtern);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(c => c.ReportDiagnostic(Diagnostic.Create(NoLock, c.Operation.Syntax.GetLocation())), OperationKind.Lock);
        context.RegisterSymbolAction(ReportExtern, SymbolKind.Method);
    }

    private static void ReportExtern(SymbolAnalysisContext context)
    {
        if (context.Symbol is IMethodSymbol { IsExtern: true } method && method.Locations.Length > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(NoExtern, method.Locations[0], method.Name));
        }
    }
}
