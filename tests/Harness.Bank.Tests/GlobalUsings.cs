global using NUnit.Framework;

// Each test starts its own bank on its own port, database file and clock: they may run side by side.
[assembly: Parallelizable(ParallelScope.All)]
[assembly: LevelOfParallelism(2)]
