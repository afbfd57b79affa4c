Console.WriteLine("hb 0.1.0");
