global using NUnit.Framework;

// One PostgreSQL and one mail container serve every test; each test has its own database and mail addresses.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
