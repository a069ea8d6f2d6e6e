package org.copper.lang.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * An editor buffer parsed by the language: the text as it stands in the editor (saved or not),
 * under the file's own URI, in a fresh resource set, so imports resolve next to the file and the
 * built-ins by URI exactly as the CLI and the language server resolve them. Imported files are
 * read from disk.
 */
final class ParsedBuffer {
    final Injector injector;
    final XtextResource resource;
    /** The same text as the language server's document type: its services take offsets through it. */
    final Document document;
    final URI uri;
    /** The workspace file, for markers; null for a file outside the workspace. */
    final IFile file;

    private ParsedBuffer(Injector injector, XtextResource resource, Document document, URI uri, IFile file) {
        this.injector = injector;
        this.resource = resource;
        this.document = document;
        this.uri = uri;
        this.file = file;
    }

    /** The buffer of a {@code .cup}/{@code .cui} file, parsed; null when the document is no such file's. */
    static ParsedBuffer of(IDocument document) {
        ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
        if (buffer == null || buffer.getFileStore() == null) {
            return null;
        }
        java.net.URI location = buffer.getFileStore().toURI();
        if (!"file".equals(location.getScheme())) {
            return null;
        }
        URI uri = URI.createFileURI(new java.io.File(location).getAbsolutePath());
        Injector injector = CopperLanguages.forExtension(uri.fileExtension());
        if (injector == null) {
            return null;
        }
        IFile file = null;
        IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(location);
        if (files.length > 0) {
            file = files[0];
        }
        String text = document.get();
        XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
        XtextResource resource = (XtextResource) injector.getInstance(IResourceFactory.class).createResource(uri);
        set.getResources().add(resource);
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the editor's text", e); // a byte array never fails to read
        }
        return new ParsedBuffer(injector, resource, new Document(1, text), uri, file);
    }

    /** Syntax and validation issues, as {@code copper check} reports them. */
    List<Issue> validate() {
        return resource.getResourceServiceProvider().getResourceValidator().validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
    }

    TextDocumentIdentifier id() {
        return new TextDocumentIdentifier(uri.toString());
    }

    Position position(int offset) {
        return document.getPosition(offset);
    }

    /** The offset of an LSP position, clamped to the text. */
    int offset(Position position) {
        try {
            return document.getOffSet(position);
        } catch (IndexOutOfBoundsException e) {
            return document.getContents().length();
        }
    }
}
