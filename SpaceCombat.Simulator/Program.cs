Console.WriteLine("SpaceCombat simulator");
