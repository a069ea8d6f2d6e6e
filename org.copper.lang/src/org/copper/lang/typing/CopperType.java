package org.copper.lang.typing;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.Primitive;

/** The type of a Copper expression. */
public sealed interface CopperType {
    record Prim(Primitive primitive) implements CopperType {
        @Override
        public String toString() {
            return primitive.getLiteral();
        }
    }

    record Decl(Declaration declaration) implements CopperType {
        @Override
        public String toString() {
            return declaration.getName();
        }
    }

    /** An action that returns no value. */
    record Void() implements CopperType {
        @Override
        public String toString() {
            return "no value";
        }
    }

    /** Unresolved or already erroneous: suppresses follow-up errors. */
    record Unknown() implements CopperType {
        @Override
        public String toString() {
            return "unknown";
        }
    }

    CopperType BOOL = new Prim(Primitive.BOOL);
    CopperType STRING = new Prim(Primitive.STRING);
    CopperType INT = new Prim(Primitive.INT);
    CopperType FLOAT = new Prim(Primitive.FLOAT);
    CopperType VOID = new Void();
    CopperType UNKNOWN = new Unknown();

    /** "a string", "an int", "an IstioRequest": for messages. */
    static String withArticle(CopperType t) {
        String name = t.toString();
        return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    static boolean isAct(CopperType t) {
        return t instanceof Decl d && d.declaration() instanceof ActDecl;
    }
}
